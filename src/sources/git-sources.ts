// The git layer's entry point, loaded on demand: everything a git-mode scan needs.
export { openRepo, rangeRevs } from "./git-repo.js";
export type { GitRepo } from "./git-repo.js";
export { gitHistorySource } from "./git-history.js";
export { attachGitProvenance } from "./git-provenance.js";
export { keepChangedLines, stagedScan } from "./git-staged.js";
export { changedPaths, filesAtCommit, mergeBase, rangeEnds, readFileAtCommit } from "./git-revision.js";
export type { RangeEnds } from "./git-revision.js";
export { historyOnlyGrew, refTips } from "./git-refs.js";
