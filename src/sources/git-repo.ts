import { stat } from "node:fs/promises";
import { InputError } from "../model/errors.js";
import { gitText } from "./git-exec.js";

/** A git repository opened for scanning. */
export interface GitRepo {
  /** The target as given. */
  readonly target: string;
  /** Where git runs: the work tree root, or the git folder of a bare repository. */
  readonly cwd: string;
  readonly isBare: boolean;
  /** A shallow clone: commits beyond the shallow boundary, and their blobs, are absent. */
  readonly isShallow: boolean;
  /** A partial clone: blobs (or trees) that were never fetched are absent, and are not fetched. */
  readonly isPartial: boolean;
  /** Revisions that reach every object the history scan covers: all refs plus every stash entry. */
  readonly allRevs: readonly string[];
}

/** Opens the repository containing `target`; a target that is not in one is an input error. */
export async function openRepo(target: string, flag: string): Promise<GitRepo> {
  const info = await stat(target).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) {
    throw new InputError(`${target}: ${info === undefined ? "no such folder" : "not a folder"} (${flag} needs a git repository)`);
  }
  let lines: string[];
  try {
    lines = (await gitText(target, ["rev-parse", "--is-bare-repository", "--is-shallow-repository", "--absolute-git-dir"])).split("\n");
  } catch (error) {
    if (/not a git repository/i.test(error instanceof Error ? error.message : "")) {
      throw new InputError(`${target}: not a git repository (${flag} needs one)`, { hint: `Run it inside a clone, or scan without ${flag}.` });
    }
    throw error;
  }
  const [bare, shallow, gitDir = target] = lines;
  const isBare = bare === "true";
  const cwd = isBare
    ? gitDir
    : await gitText(target, ["rev-parse", "--show-toplevel"]).then(
        (t) => t.trim(),
        () => gitDir,
      );
  const [stashes, partial] = await Promise.all([stashEntries(cwd), gitText(cwd, ["config", "--get", "extensions.partialClone"]).catch(() => "")]);
  return { target, cwd, isBare, isShallow: shallow === "true", isPartial: partial.trim() !== "", allRevs: ["--all", ...stashes] };
}

/** Every stash entry: `--all` reaches only the newest, the older ones live in the stash reflog. */
async function stashEntries(cwd: string): Promise<string[]> {
  const ref = (await gitText(cwd, ["for-each-ref", "--format=%(refname)", "refs/stash"])).trim();
  if (ref === "") return [];
  const log = await gitText(cwd, ["log", "-g", "--format=%H", "refs/stash", "--"]).catch(() => "");
  return log.split("\n").filter((sha) => /^[0-9a-f]{40,64}$/.test(sha));
}

/** The commit a user-given revision names; unknown or option-like revisions are input errors. */
export async function resolveCommit(repo: GitRepo, rev: string, flag: string): Promise<string> {
  if (rev.startsWith("-") || rev.trim() === "") throw new InputError(`${flag} ${JSON.stringify(rev)}: not a revision`);
  try {
    return (await gitText(repo.cwd, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`])).trim();
  } catch (error) {
    throw new InputError(`${flag} ${rev}: unknown revision in ${repo.target}`, {
      hint: repo.isShallow ? "This is a shallow clone: fetch more history (git fetch --unshallow)." : "Check the branch, tag or commit name.",
      cause: error,
    });
  }
}

/** Revision arguments for `--since REV` (REV..HEAD) or `--range A..B` / `A...B`, with both ends verified. */
export async function rangeRevs(repo: GitRepo, spec: { since?: string; range?: string }): Promise<string[]> {
  if (spec.since !== undefined) return [`^${await resolveCommit(repo, spec.since, "--since")}`, await resolveCommit(repo, "HEAD", "--since")];
  const range = spec.range ?? "";
  const match = /^(.*?)(\.\.\.?)(.*)$/.exec(range);
  if (match === null) throw new InputError(`--range ${JSON.stringify(range)}: expected A..B`, { hint: "For example --range origin/main..HEAD." });
  const [, from = "", dots, to = ""] = match;
  const a = await resolveCommit(repo, from === "" ? "HEAD" : from, "--range");
  const b = await resolveCommit(repo, to === "" ? "HEAD" : to, "--range");
  return dots === "..." ? [`${a}...${b}`] : [`^${a}`, b];
}
