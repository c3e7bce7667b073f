import type { CommitInfo } from "../model/fragment.js";
import { abandonGit, gitText, spawnGit, splitRecords, stdoutOf } from "../sources/git-exec.js";

// Who touched a finding's line, and whether they still commit. Every git call goes through
// sources/git-exec.ts (repository-controlled programs disabled); blame runs once per file with
// findings, with one -L range per finding line, never once per finding.

/** What `git blame` says about one line. */
export interface BlamedLine {
  /** 1-based line in the blamed revision of the file. */
  readonly line: number;
  /** The commit that last changed the line; absent when the line is not committed yet. */
  readonly commit?: CommitInfo;
  /** Path and 1-based line of the line in that commit. */
  readonly origPath: string;
  readonly origLine: number;
  /** Whether the file existed before that commit (else the commit created the file, and the line). */
  readonly hasParent: boolean;
  /** The line's current text (used to recognise the value in older versions; never stored). */
  readonly text: string;
}

const NOT_COMMITTED = /^0+$/;

/**
 * Blames `lines` of `path` (relative to `cwd`, the work tree root) as of `rev`, in one git
 * process. A revision, not the working tree: blaming the working tree would run the clean
 * filter a hostile repository's config may name. Callers compare the text to the work tree.
 */
export async function blameLines(cwd: string, path: string, lines: readonly number[], rev = "HEAD"): Promise<BlamedLine[]> {
  const unique = [...new Set(lines)].sort((a, b) => a - b);
  if (unique.length === 0) return [];
  const ranges = unique.flatMap((n) => ["-L", `${n},${n}`]);
  // -w: whitespace-only edits do not count as changing the line.
  const out = await gitText(cwd, ["blame", "--porcelain", "-w", "--no-textconv", ...ranges, rev, "--", path]).catch(() => undefined);
  return out === undefined ? [] : parseBlamePorcelain(out);
}

interface CommitDetails {
  author: string;
  email: string;
  time: number;
  tz: string;
  hasParent: boolean;
  filename: string;
}

/** Parses `git blame --porcelain` output (commit details appear only at a commit's first line). */
export function parseBlamePorcelain(output: string): BlamedLine[] {
  const details = new Map<string, CommitDetails>();
  const result: BlamedLine[] = [];
  let current: { sha: string; origLine: number; line: number; filename?: string } | undefined;
  for (const row of output.split("\n")) {
    if (current === undefined) {
      const header = /^([0-9a-f]{40,64}) (\d+) (\d+)/.exec(row);
      if (header !== null) current = { sha: header[1] ?? "", origLine: Number(header[2]), line: Number(header[3]) };
      continue;
    }
    if (row.startsWith("\t")) {
      result.push(toBlamedLine(current, details.get(current.sha), row.slice(1)));
      current = undefined;
      continue;
    }
    const space = row.indexOf(" ");
    const key = space === -1 ? row : row.slice(0, space);
    const value = space === -1 ? "" : row.slice(space + 1);
    const entry = details.get(current.sha) ?? { author: "", email: "", time: 0, tz: "+0000", hasParent: false, filename: "" };
    details.set(current.sha, entry);
    if (key === "author") entry.author = value;
    else if (key === "author-mail") entry.email = value.replace(/^<|>$/g, "");
    else if (key === "author-time") entry.time = Number(value);
    else if (key === "author-tz") entry.tz = value;
    else if (key === "previous") entry.hasParent = true;
    else if (key === "filename") {
      entry.filename = value;
      current.filename = value;
    }
  }
  return result;
}

function toBlamedLine(at: { sha: string; origLine: number; line: number; filename?: string }, details: CommitDetails | undefined, text: string): BlamedLine {
  const origPath = at.filename ?? details?.filename ?? "";
  const base = { line: at.line, origPath, origLine: at.origLine, hasParent: details?.hasParent ?? false, text };
  if (NOT_COMMITTED.test(at.sha) || details === undefined) return base;
  return { ...base, commit: { sha: at.sha, author: details.author, email: details.email, date: isoDate(details.time, details.tz) } };
}

/** Epoch seconds and a `+hhmm` zone as ISO 8601 in that zone, the form of git's `%aI`. */
export function isoDate(epochSeconds: number, tz: string): string {
  const zone = /^([+-])(\d{2})(\d{2})$/.exec(tz);
  const sign = zone?.[1] === "-" ? -1 : 1;
  const offsetMinutes = zone === null ? 0 : sign * (Number(zone[2]) * 60 + Number(zone[3]));
  const local = new Date((epochSeconds + offsetMinutes * 60) * 1000).toISOString().slice(0, 19);
  return `${local}${zone === null ? "+00:00" : `${zone[1]}${zone[2]}:${zone[3]}`}`;
}

/**
 * The latest author date of each of `emails` (lower-cased), from one streamed `git log --all`
 * pass that stops once every e-mail has been seen: commits come newest first (by commit date),
 * so each author's first commit is their latest, give or take rebased commits. Authors who
 * never committed in this repository, or not since `since`, are absent.
 */
export async function authorActivity(cwd: string, emails: ReadonlySet<string>, since?: Date): Promise<Map<string, string>> {
  const latest = new Map<string, string>();
  if (emails.size === 0) return latest;
  // Only activity inside the policy window matters: without the bound, one long-gone author
  // makes this read the whole history (1.5 s on rails).
  const args = ["log", "--all", "--format=%ae%x1f%aI", ...(since === undefined ? [] : [`--since=${since.toISOString()}`])];
  const git = spawnGit(cwd, args);
  try {
    for await (const record of splitRecords(stdoutOf(git), 0x0a)) {
      const [email = "", date = ""] = record.split("\u001f");
      const key = email.toLowerCase();
      if (emails.has(key) && !latest.has(key)) latest.set(key, date);
      if (latest.size === emails.size) break;
    }
  } catch {
    // A repository without commits (or a broken one) has no activity to report.
  }
  await abandonGit(git);
  return latest;
}
