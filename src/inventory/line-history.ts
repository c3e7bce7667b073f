import type { CommitInfo } from "../model/fragment.js";
import { secretFingerprint } from "../util/hash.js";
import { DIFF_SAFETY, abandonGit, spawnGit, splitRecords, stdoutOf } from "../sources/git-exec.js";

// The commit that introduced a value is not always the one blame names: a later commit may have
// edited the line (a comment, a renamed key) and kept the value. This follows the line back with
// `git log -L` until a version of it no longer holds the value. The value is recognised by its
// fingerprint (the credential id), so no raw secret is kept, passed in argv or stored.

/** Longest value looked for, in characters: longer lines are compared on this window. */
const MAX_VALUE_LENGTH = 1024;
const MAX_LINE_LENGTH = 8192;

/**
 * A test for "this line holds the value", built from the current line, the value's 1-based
 * column and its credential id; undefined when the value does not sit on the line whole
 * (multi-line values such as PEM blocks).
 */
export function valueMatcher(line: string, column: number, credentialId: string, key: string | undefined): ((text: string) => boolean) | undefined {
  const start = column - 1;
  let length = 0;
  for (let end = start + 1; end <= Math.min(line.length, start + MAX_VALUE_LENGTH); end++) {
    if (secretFingerprint(line.slice(start, end), key) === credentialId) {
      length = end - start;
      break;
    }
  }
  if (length === 0) return undefined;
  return (text) => {
    const limit = Math.min(text.length, MAX_LINE_LENGTH) - length;
    for (let s = 0; s <= limit; s++) if (secretFingerprint(text.slice(s, s + length), key) === credentialId) return true;
    return false;
  };
}

/** Where to start following a line: a commit, the path in it and the 1-based line. */
export interface LineStart {
  readonly sha: string;
  readonly path: string;
  readonly line: number;
}

const FIELD = "\u001f";

/**
 * The oldest commit in the unbroken run of versions of a line that hold the value, following
 * the line back from `start` (newest first). Stops reading as soon as it is known.
 */
export async function traceIntroduction(cwd: string, start: LineStart, holdsValue: (text: string) => boolean): Promise<CommitInfo | undefined> {
  const args = ["log", `--format=%x1e%H${FIELD}%an${FIELD}%ae${FIELD}%aI`, ...DIFF_SAFETY, "-L", `${start.line},${start.line}:${start.path}`, start.sha];
  const git = spawnGit(cwd, args);
  let oldest: CommitInfo | undefined;
  try {
    for await (const record of splitRecords(stdoutOf(git), 0x1e)) {
      const commit = parseCommitRecord(record);
      if (commit === undefined) continue;
      oldest = commit.info;
      if (!commit.olderVersion.some(holdsValue)) {
        await abandonGit(git);
        return commit.info;
      }
    }
    await git.done.catch(() => undefined);
  } catch {
    await abandonGit(git);
  }
  return oldest;
}

/** One `git log -L` record: the commit, and the lines of the range before it (empty when it created the file). */
export function parseCommitRecord(record: string): { info: CommitInfo; olderVersion: string[] } | undefined {
  const lines = record.split("\n");
  const [sha = "", author = "", email = "", date = ""] = (lines[0] ?? "").split(FIELD);
  if (!/^[0-9a-f]{40,64}$/.test(sha)) return undefined;
  const olderVersion: string[] = [];
  let inHunk = false;
  for (const line of lines.slice(1)) {
    if (line.startsWith("@@")) inHunk = true;
    else if (inHunk && (line.startsWith("-") || line.startsWith(" "))) olderVersion.push(line.slice(1));
    else if (line.startsWith("diff --git")) inHunk = false;
  }
  return { info: { sha, author, email, date }, olderVersion };
}
