import type { CommitInfo } from "../model/fragment.js";
import { DIFF_SAFETY, abandonGit, finishGit, spawnGit, splitRecords, stdoutOf } from "./git-exec.js";

/** One path a commit changed, from `git log --raw -c` (merges: only paths that differ from every parent). */
export interface RawEntry {
  readonly path: string;
  /** Blob ids at this path in each parent (all zeros where absent). */
  readonly parentBlobs: readonly string[];
  /** Blob id at this path after the commit (all zeros when deleted). */
  readonly blob: string;
  /** Whether the new entry is file content (regular, executable or symlink): not a deletion, not a submodule. */
  readonly isBlob: boolean;
}

/** A commit with its changed paths. */
export interface LogCommit extends CommitInfo {
  readonly parents: readonly string[];
  readonly entries: RawEntry[];
}

const BLOB_MODES = new Set(["100644", "100755", "120000", "100664"]);
const HEADER = "\u0001";
const FIELD = "\u001f";

/**
 * Arguments of a streamed, machine-readable history log: raw diffs with full ids, no rename
 * detection, root commits diffed against the empty tree, merges as combined diffs, children
 * before parents, and none of the repository's diff programs.
 */
export function rawLogArgs(revs: readonly string[]): string[] {
  return [
    "log",
    ...DIFF_SAFETY,
    "--raw",
    "-z",
    "-c",
    "--no-abbrev",
    "--no-renames",
    "--no-relative",
    "--root",
    "--date-order",
    "--no-show-signature",
    `--format=${HEADER}%H${FIELD}%P${FIELD}%an${FIELD}%ae${FIELD}%aI`,
    // Revisions are `--all`, verified object ids, or ranges of them: nothing user-typed.
    ...revs,
    "--",
  ];
}

/** Streams the commits of `git log` over `revs`, newest first, each with its raw entries. */
export async function* readRawLog(cwd: string, revs: readonly string[]): AsyncGenerator<LogCommit> {
  const args = rawLogArgs(revs);
  const git = spawnGit(cwd, args);
  let finished = false;
  try {
    yield* parseRawLog(splitRecords(stdoutOf(git), 0));
    finished = true;
  } finally {
    if (finished) await finishGit(git, args);
    else await abandonGit(git);
  }
}

/** Parses NUL-separated `log --raw -z` records into commits. */
export async function* parseRawLog(records: AsyncIterable<string>): AsyncGenerator<LogCommit> {
  let commit: LogCommit | undefined;
  let meta: string | undefined;
  for await (const raw of records) {
    const record = raw.startsWith("\n") ? raw.slice(1) : raw;
    if (meta !== undefined) {
      commit?.entries.push(toEntry(meta, raw));
      meta = undefined;
    } else if (record.startsWith(HEADER)) {
      if (commit !== undefined) yield commit;
      commit = toCommit(record.slice(1));
    } else if (record.startsWith(":")) {
      meta = record;
    }
  }
  if (commit !== undefined) yield commit;
}

function toCommit(header: string): LogCommit {
  const [sha = "", parents = "", author = "", email = "", date = ""] = header.split(FIELD);
  return { sha, parents: parents === "" ? [] : parents.split(" "), author, email, date, entries: [] };
}

/** `:m1 m2 a b S` (one parent) or `::m1 m2 m3 a b c SS` (combined, n parents). */
function toEntry(meta: string, path: string): RawEntry {
  let colons = 0;
  while (meta[colons] === ":") colons++;
  const fields = meta.slice(colons).split(" ");
  const modes = fields.slice(0, colons + 1);
  const ids = fields.slice(colons + 1, 2 * colons + 2);
  return {
    path,
    parentBlobs: ids.slice(0, colons),
    blob: ids[colons] ?? "",
    isBlob: BLOB_MODES.has(modes[colons] ?? ""),
  };
}
