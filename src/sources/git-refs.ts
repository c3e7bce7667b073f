import { gitText } from "./git-exec.js";
import type { GitRepo } from "./git-repo.js";

const COMMIT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** The commits a history scan starts from, by name: HEAD, every ref peeled to its commit, every stash entry. */
export interface RefTips {
  readonly tips: Record<string, string>;
  /** Refs that point at a blob or tree (not a commit): their content is outside any commit walk. */
  readonly nonCommitRefs: readonly string[];
}

/** Reads the tips `repo.allRevs` stands for, with names, so the next scan can tell what is new. */
export async function refTips(repo: GitRepo): Promise<RefTips> {
  const lines = await gitText(repo.cwd, ["for-each-ref", "--format=%(objecttype) %(objectname) %(*objecttype) %(*objectname) %(refname)"]);
  const tips: Record<string, string> = {};
  const nonCommitRefs: string[] = [];
  for (const line of lines.split("\n")) {
    const [type, oid = "", peeledType, peeled = "", ...name] = line.split(" ");
    const ref = name.join(" ");
    if (ref === "") continue;
    if (type === "commit") tips[ref] = oid;
    else if (peeledType === "commit") tips[ref] = peeled;
    else nonCommitRefs.push(ref);
  }
  const head = (await gitText(repo.cwd, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]).catch(() => "")).trim();
  if (COMMIT_ID.test(head)) tips["HEAD"] = head;
  // Stash entries past the newest live in the reflog; `allRevs` lists them as ids after `--all`.
  for (const [i, sha] of repo.allRevs.filter((rev) => COMMIT_ID.test(rev)).entries()) tips[`stash@{${i}}`] = sha;
  return { tips, nonCommitRefs };
}

/**
 * Whether every commit of `old` is still reachable from `tips` (and present): then the history
 * only grew, and the objects of `tips` not reachable from `old` are all that is new. A rewritten
 * ref (force-push), a deleted unmerged branch or a pruned object makes it false.
 */
export async function historyOnlyGrew(repo: GitRepo, old: readonly string[], tips: readonly string[]): Promise<boolean> {
  if (old.length === 0) return true;
  if (tips.length === 0 || !old.every((sha) => COMMIT_ID.test(sha))) return false;
  const out = await gitText(repo.cwd, ["rev-list", "-n", "1", ...old, "--not", ...tips, "--"]).catch(() => undefined);
  return out !== undefined && out.trim() === "";
}
