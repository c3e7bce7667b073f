import { globMatcher } from "../util/linear-match.js";
import type { Finding } from "../model/finding.js";
import type { Source, SourceEvent } from "../model/fragment.js";
import { blobEvent, listLine, readBlobs } from "./git-cat-file.js";
import { DIFF_SAFETY, abandonGit, finishGit, gitText, spawnGit, splitRecords, stdoutOf } from "./git-exec.js";
import type { GitRepo } from "./git-repo.js";

/** Line ranges (1-based, inclusive) that the staged change added or changed, by path. */
export type ChangedLines = ReadonlyMap<string, readonly (readonly [number, number])[]>;

/** The index content of staged files, and the lines the staged change touches. */
export interface StagedScan {
  readonly source: Source;
  /** Runs `git diff --cached -U0` once and collects the added line ranges. */
  changedLines(): Promise<ChangedLines>;
}

export interface StagedOptions {
  readonly repo: GitRepo;
  readonly maxFileSize: number;
  readonly exclude: readonly string[];
}

// Staged additions, copies, modifications and renames; renames detected so that moving a file is not "adding" its lines.
const CACHED = ["diff", "--cached", ...DIFF_SAFETY, "-M", "--diff-filter=ACMR", "--no-relative", "--ignore-submodules=all"];

/** Pre-commit mode: the staged version of each added or changed file, read from the index in one `cat-file`. */
export function stagedScan(options: StagedOptions): StagedScan {
  return {
    source: { id: `${options.repo.target} (staged)`, events: () => stagedEvents(options) },
    changedLines: () => readChangedLines(options.repo.cwd),
  };
}

async function* stagedEvents(options: StagedOptions): AsyncGenerator<SourceEvent> {
  const isExcluded = options.exclude.length === 0 ? () => false : globMatcher(options.exclude);
  const raw = await gitText(options.repo.cwd, [...CACHED, "--raw", "-z", "--no-abbrev"]);
  const listing = stagedBlobs(raw).filter((ref) => !isExcluded(ref.path));
  const lines = listing.map((ref) => listLine(ref.oid, ref.path));
  for await (const result of readBlobs(options.repo.cwd, lines, { maxSize: options.maxFileSize })) {
    yield blobEvent(result, { kind: "staged" });
  }
}

/** `:old new src dst STATUS\0path\0[path2\0]` records: the index blob and its (new) path. */
function stagedBlobs(raw: string): { oid: string; path: string }[] {
  const records = raw.split("\u0000");
  const out: { oid: string; path: string }[] = [];
  for (let i = 0; i < records.length; i++) {
    const meta = records[i] ?? "";
    if (!meta.startsWith(":")) continue;
    const [, , , dst = "", status = ""] = meta.slice(1).split(" ");
    const twoPaths = status.startsWith("R") || status.startsWith("C");
    const path = records[twoPaths ? i + 2 : i + 1] ?? "";
    i += twoPaths ? 2 : 1;
    out.push({ oid: dst, path });
  }
  return out;
}

/** Streams `git diff --cached -U0` and keeps the `+` side of every hunk. */
async function readChangedLines(cwd: string): Promise<ChangedLines> {
  const args = [...CACHED, "-U0", "--inter-hunk-context=0", "--src-prefix=a/", "--dst-prefix=b/"];
  const git = spawnGit(cwd, args);
  const changed = new Map<string, [number, number][]>();
  let ranges: [number, number][] | undefined;
  let remaining = 0;
  let finished = false;
  try {
    for await (const line of splitRecords(stdoutOf(git), 10)) {
      if (remaining > 0) {
        if (line.startsWith("+") || line.startsWith("-")) remaining--;
      } else if (line.startsWith("+++ ")) {
        const path = patchPath(line.slice(4));
        ranges = path === undefined ? undefined : [];
        if (path !== undefined && ranges !== undefined) changed.set(path, ranges);
      } else if (line.startsWith("@@ ")) {
        const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
        if (hunk === null) continue;
        const removed = Number(hunk[1] ?? 1);
        const start = Number(hunk[2]);
        const added = Number(hunk[3] ?? 1);
        remaining = removed + added;
        if (added > 0) ranges?.push([start, start + added - 1]);
      }
    }
    finished = true;
  } finally {
    if (finished) await finishGit(git, args);
    else await abandonGit(git);
  }
  return changed;
}

/** The path of a `+++ b/<path>` line: C-quoted when special, with a tab after paths holding spaces. */
function patchPath(text: string): string | undefined {
  const value = text.startsWith('"') ? unquoteC(text) : text.replace(/\t$/, "");
  return value.startsWith("b/") ? value.slice(2) : undefined;
}

const ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };

/** Git's C-style quoting: backslash escapes and octal bytes, UTF-8 underneath. */
function unquoteC(text: string): string {
  const parts: Buffer[] = [];
  let i = 1;
  while (i < text.length && text[i] !== '"') {
    if (text[i] !== "\\") {
      const end = text.slice(i).search(/["\\]/);
      const stop = end === -1 ? text.length : i + end;
      parts.push(Buffer.from(text.slice(i, stop), "utf8"));
      i = stop;
      continue;
    }
    const next = text[i + 1] ?? "";
    const octal = /^[0-7]{3}/.exec(text.slice(i + 1));
    parts.push(Buffer.from([octal === null ? (ESCAPES[next] ?? next.charCodeAt(0)) : parseInt(octal[0], 8)]));
    i += octal === null ? 2 : 4;
  }
  return Buffer.concat(parts).toString("utf8");
}

/** Keeps findings whose line the staged change added or changed: an old secret must not block an unrelated commit. */
export function keepChangedLines(findings: readonly Finding[], changed: ChangedLines): { kept: Finding[]; dropped: number } {
  const kept = findings.filter((f) => f.provenance.kind !== "staged" || (changed.get(f.path) ?? []).some(([a, b]) => f.line >= a && f.line <= b));
  return { kept, dropped: findings.length - kept.length };
}
