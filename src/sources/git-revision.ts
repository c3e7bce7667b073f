import { InputError } from "../model/errors.js";
import { DIFF_SAFETY, gitText } from "./git-exec.js";
import type { GitRepo } from "./git-repo.js";
import { resolveCommit } from "./git-repo.js";

/** The two ends of a pull-request scan: the trusted base and the change's head (full commit ids). */
export interface RangeEnds {
  readonly base: string;
  readonly head: string;
  /** How reports name the base: the revision as the user gave it. */
  readonly baseName: string;
}

/** `--since REV`: REV and HEAD; `--range A..B` (or `A...B`): A and B. */
export async function rangeEnds(repo: GitRepo, spec: { since?: string; range?: string }): Promise<RangeEnds> {
  if (spec.since !== undefined) {
    return { base: await resolveCommit(repo, spec.since, "--since"), head: await resolveCommit(repo, "HEAD", "--since"), baseName: spec.since };
  }
  const match = /^(.*?)\.\.\.?(.*)$/.exec(spec.range ?? "");
  if (match === null) throw new InputError(`--range ${JSON.stringify(spec.range ?? "")}: expected A..B`, { hint: "For example --range origin/main..HEAD." });
  const [, from = "", to = ""] = match;
  const base = await resolveCommit(repo, from === "" ? "HEAD" : from, "--range");
  return { base, head: await resolveCommit(repo, to === "" ? "HEAD" : to, "--range"), baseName: from === "" ? "HEAD" : from };
}

/**
 * The text of a file at a commit, or undefined when the commit has no such file. `cat-file blob`
 * with `<commit>:<path>` takes the path literally and runs no filter or textconv program.
 */
export async function readFileAtCommit(repo: GitRepo, commit: string, path: string): Promise<string | undefined> {
  return gitText(repo.cwd, ["cat-file", "blob", `${commit}:${path}`]).catch(() => undefined);
}

/**
 * Which of `names` (top-level file names) exist as regular files at a commit: one `ls-tree`,
 * so that absent files cost no process each.
 */
export async function filesAtCommit(repo: GitRepo, commit: string, names: readonly string[]): Promise<Set<string>> {
  const out = await gitText(repo.cwd, ["ls-tree", "-z", commit, "--", ...names]);
  const found = new Set<string>();
  for (const entry of out.split("\u0000")) {
    // `<mode> blob <oid>\t<name>`: regular files only (not links, not folders).
    const match = /^100(?:644|755) blob [0-9a-f]+\t(.*)$/s.exec(entry);
    if (match?.[1] !== undefined) found.add(match[1]);
  }
  return found;
}

/** Which of `paths` (git pathspecs, from the repository root) differ between two commits. */
export async function changedPaths(repo: GitRepo, from: string, to: string, paths: readonly string[]): Promise<string[]> {
  const out = await gitText(repo.cwd, ["diff-tree", "-r", "-z", "--no-renames", "--name-only", ...DIFF_SAFETY, from, to, "--", ...paths]);
  return out.split("\u0000").filter((p) => p !== "");
}

/** The best common ancestor of two commits, or `a` when there is none (unrelated histories). */
export async function mergeBase(repo: GitRepo, a: string, b: string): Promise<string> {
  const out = await gitText(repo.cwd, ["merge-base", a, b]).catch(() => "");
  return out.trim() === "" ? a : out.trim();
}
