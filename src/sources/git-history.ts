import picomatch from "picomatch";
import type { Source, SourceEvent } from "../model/fragment.js";
import { readBlobs } from "./git-cat-file.js";
import type { BlobResult } from "./git-cat-file.js";
import { abandonGit, finishGit, spawnGit, splitRecords, stdoutOf } from "./git-exec.js";
import { readRawLog } from "./git-log-raw.js";
import type { GitRepo } from "./git-repo.js";
import { decodeBuffer } from "./decode.js";

/** Options of a git history source. */
export interface GitHistoryOptions {
  readonly repo: GitRepo;
  /** Revisions of a range (`^A B`): only blobs its commits introduced are scanned. Default: every reachable blob. */
  readonly range?: readonly string[];
  readonly maxFileSize: number;
  /** Globs of repo-relative paths never to scan. */
  readonly exclude: readonly string[];
  /** Prepended to every path (several repositories in one scan). */
  readonly pathPrefix?: string;
  /** Running count and bytes of the blobs to read; `done` once the listing is complete. */
  readonly onListed?: (blobs: number, bytes: number, done: boolean) => void;
}

const ZERO_ID = /^0+$/;

/**
 * Every distinct blob of a repository's history (or of a range), read once through one
 * `cat-file --batch` and yielded with git provenance (the blob id; commits are attached after
 * scanning, only to blobs with findings). Binaries and oversized blobs become skips.
 */
export function gitHistorySource(options: GitHistoryOptions): Source {
  const mode = options.range === undefined ? "history" : `range ${options.range.join(" ")}`;
  return { id: `${options.repo.target} (${mode})`, events: () => historyEvents(options) };
}

async function* historyEvents(options: GitHistoryOptions): AsyncGenerator<SourceEvent> {
  const { repo } = options;
  const isExcluded = options.exclude.length === 0 ? undefined : picomatch([...options.exclude], { dot: true });
  const readOptions = { maxSize: options.maxFileSize, ...(options.onListed === undefined ? {} : { onListed: options.onListed }) };
  if (options.range !== undefined) {
    for await (const result of readBlobs(repo.cwd, introducedBlobs(repo.cwd, options.range, isExcluded), readOptions)) {
      yield toEvent(result, options.pathPrefix ?? "");
    }
    return;
  }
  // `--objects` lists each reachable object once, blobs with the first path they were reached by.
  const args = ["rev-list", "--objects", "--missing=allow-any", ...repo.allRevs, "--"];
  const revList = spawnGit(repo.cwd, args);
  let finished = false;
  try {
    const listing = isExcluded === undefined ? stdoutOf(revList) : withoutExcluded(stdoutOf(revList), isExcluded);
    for await (const result of readBlobs(repo.cwd, listing, readOptions)) yield toEvent(result, options.pathPrefix ?? "");
    finished = true;
  } finally {
    if (finished) await finishGit(revList, args);
    else await abandonGit(revList);
  }
}

/** `<oid> <path>` lines of the blobs that commits of the range added or changed, each blob once. */
async function* introducedBlobs(cwd: string, range: readonly string[], isExcluded?: (path: string) => boolean): AsyncGenerator<string> {
  const seen = new Set<string>();
  for await (const commit of readRawLog(cwd, range)) {
    for (const entry of commit.entries) {
      if (!entry.isBlob || ZERO_ID.test(entry.blob) || seen.has(entry.blob) || isExcluded?.(entry.path) === true) continue;
      seen.add(entry.blob);
      yield `${entry.blob} ${oneLine(entry.path)}\n`;
    }
  }
}

async function* withoutExcluded(stream: AsyncIterable<Buffer>, isExcluded: (path: string) => boolean): AsyncGenerator<string> {
  for await (const line of splitRecords(stream, 10)) {
    const space = line.indexOf(" ");
    if (space === -1 || !isExcluded(line.slice(space + 1))) yield `${line}\n`;
  }
}

/** `cat-file --batch-check` reads one line per object: a newline in a path cannot pass. */
function oneLine(path: string): string {
  return path.replaceAll("\n", "\\n");
}

function toEvent(result: BlobResult, prefix: string): SourceEvent {
  const path = `${prefix}${result.ref.path === "" ? result.ref.oid : result.ref.path}`;
  const blob = `blob ${result.ref.oid}`;
  if (result.kind === "too-large") {
    return { type: "skip", path, reason: "too-large", detail: `${result.size} bytes, ${blob}` };
  }
  if (result.kind === "missing") return { type: "skip", path, reason: "unreadable", detail: `missing object, ${blob}` };
  const decoded = decodeBuffer(result.content);
  if (decoded.kind === "binary") return { type: "skip", path, reason: "binary", detail: blob };
  return {
    type: "fragment",
    fragment: { text: decoded.text, path, provenance: { kind: "git", blob: result.ref.oid } },
    bytes: result.content.length,
    ...(decoded.lossy ? { lossy: true } : {}),
  };
}
