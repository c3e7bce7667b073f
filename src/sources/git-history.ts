import { globMatcher } from "../util/linear-match.js";
import type { Source, SourceEvent } from "../model/fragment.js";
import { collectReachableBlobs, packOrderedBlobs } from "./git-blob-list.js";
import type { SizedBlob } from "./git-blob-list.js";
import { blobEvent, catBlobs, listLine, readBlobs } from "./git-cat-file.js";
import type { BlobRef, BlobResult } from "./git-cat-file.js";
import { readRawLog } from "./git-log-raw.js";
import type { GitRepo } from "./git-repo.js";

/** Options of a git history source. */
export interface GitHistoryOptions {
  readonly repo: GitRepo;
  /** Revisions of a range (`^A B`): only blobs its commits introduced are scanned. Default: every reachable blob. */
  readonly range?: readonly string[];
  readonly maxFileSize: number;
  /** Globs of repo-relative paths never to scan. */
  readonly exclude: readonly string[];
  /** Range scans: paths the base revision's `.nhiscanignore` excludes. */
  readonly isIgnored?: (path: string) => boolean;
  /** Running count and bytes of the blobs to read; `done` once the listing is complete. */
  readonly onListed?: (blobs: number, bytes: number, done: boolean) => void;
}

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
  const excluded = options.exclude.length === 0 ? undefined : globMatcher(options.exclude);
  const { isIgnored } = options;
  const isExcluded = isIgnored === undefined ? excluded : (path: string) => excluded?.(path) === true || isIgnored(path);
  if (options.range === undefined) {
    for await (const result of allBlobs(options, isExcluded)) yield toEvent(result);
    return;
  }
  const readOptions = { maxSize: options.maxFileSize, ...(options.onListed === undefined ? {} : { onListed: options.onListed }) };
  for await (const result of readBlobs(options.repo.cwd, introducedBlobs(options.repo.cwd, options.range, isExcluded), readOptions)) {
    yield toEvent(result);
  }
}

/**
 * Every reachable blob, read in pack order. The store's pack order (headers only) and the
 * reachable set (a log pass, with paths) are listed concurrently, and reading starts at once:
 * a blob whose reachability is not known yet waits until the log pass ends. Reading in traversal
 * order instead was measured 1.9x slower on a 30,000-commit repository (delta bases evicted).
 */
async function* allBlobs(options: GitHistoryOptions, isExcluded?: (path: string) => boolean): AsyncGenerator<BlobResult> {
  const paths = new Map<string, string>();
  let listed = false;
  const listing = collectReachableBlobs(options.repo, paths, isExcluded).then(() => {
    listed = true;
  });
  const skipped: BlobResult[] = [];
  let failure: unknown;
  listing.catch((error: unknown) => {
    failure ??= error;
  });
  const packed = packOrderedBlobs(options.repo.cwd);
  packed.catch(() => undefined); // reported where it is awaited
  const refs = inPackOrder(options, packed, paths, () => listed, listing, skipped);
  for await (const result of catBlobs(options.repo.cwd, refs)) {
    yield* skipped.splice(0);
    yield result;
  }
  yield* skipped.splice(0);
  if (failure !== undefined) throw failure;
}

/** The value `paths` holds for a blob already read or skipped: no path is empty. */
const TAKEN = "";

/** The reachable blobs within the size limit, in pack order; oversized and missing ones go to `skipped`. */
async function* inPackOrder(
  options: GitHistoryOptions,
  packed: Promise<readonly SizedBlob[]>,
  paths: Map<string, string>,
  isListed: () => boolean,
  listing: Promise<void>,
  skipped: BlobResult[],
): AsyncGenerator<BlobRef> {
  let count = 0;
  let bytes = 0;
  // A blob to read, "skip" (oversized and reported, or already taken), or undefined (not known to be reachable).
  const take = (blob: SizedBlob): BlobRef | "skip" | undefined => {
    const path = paths.get(blob.oid);
    if (path === undefined) return undefined;
    if (path === TAKEN) return "skip";
    // Marked, not deleted: the log pass may still be running, and a later commit that adds the
    // same blob again would list it anew, to be reported missing at the end.
    paths.set(blob.oid, TAKEN);
    if (blob.size <= options.maxFileSize) {
      options.onListed?.(++count, (bytes += blob.size), false);
      return { oid: blob.oid, path };
    }
    skipped.push({ kind: "too-large", ref: { oid: blob.oid, path }, size: blob.size });
    return "skip";
  };
  const waiting: SizedBlob[] = [];
  for (const blob of await packed) {
    const ref = take(blob);
    if (typeof ref === "object") yield ref;
    else if (ref === undefined && !isListed()) waiting.push(blob);
  }
  await listing;
  for (const blob of waiting) {
    const ref = take(blob);
    if (typeof ref === "object") yield ref;
  }
  options.onListed?.(count, bytes, true);
  // Reachable but absent from the store: a partial clone's unfetched blobs, or damage.
  for (const [oid, path] of paths) if (path !== TAKEN) skipped.push({ kind: "missing", ref: { oid, path } });
}

/** `<oid> <path>` lines of the blobs that commits of the range added or changed, each blob once. */
async function* introducedBlobs(cwd: string, range: readonly string[], isExcluded?: (path: string) => boolean): AsyncGenerator<string> {
  const seen = new Set<string>();
  for await (const commit of readRawLog(cwd, range)) {
    for (const entry of commit.entries) {
      if (!entry.isBlob || seen.has(entry.blob) || isExcluded?.(entry.path) === true) continue;
      seen.add(entry.blob);
      yield listLine(entry.blob, entry.path);
    }
  }
}

function toEvent(result: BlobResult): SourceEvent {
  return blobEvent(result, { kind: "git", blob: result.ref.oid });
}
