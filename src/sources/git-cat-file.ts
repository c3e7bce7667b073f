import type { Writable } from "node:stream";
import type { Provenance, SourceEvent } from "../model/fragment.js";
import { abandonGit, finishGit, spawnGit, splitRecords, stdoutOf, writeAll } from "./git-exec.js";
import type { GitProcess } from "./git-exec.js";

/** An object as `git cat-file --batch` prints it. */
export interface BatchObject {
  readonly oid: string;
  /** `blob`, `tree`, `commit`, `tag`, or `missing`. */
  readonly type: string;
  readonly content: Buffer;
}

/** A blob to read, with one path it had. */
export interface BlobRef {
  readonly oid: string;
  readonly path: string;
}

/** What reading a listed blob produced: its bytes, or its size when over the limit (never read). */
export type BlobResult =
  | { readonly kind: "content"; readonly ref: BlobRef; readonly content: Buffer }
  | { readonly kind: "too-large"; readonly ref: BlobRef; readonly size: number }
  /** Listed by path but absent from the object store (a partial clone, or damage). */
  | { readonly kind: "missing"; readonly ref: BlobRef };

export interface ReadBlobsOptions {
  /** Blobs larger than this are reported, not read. */
  readonly maxSize: number;
  /** Called as blobs are listed: running count and bytes of the blobs that will be read. */
  readonly onListed?: (blobs: number, bytes: number, done: boolean) => void;
}

const EMPTY = Buffer.alloc(0);
const NEWLINE = 10;

/** An input line for `readBlobs`: `cat-file` reads one line per object, so a newline in a path cannot pass. */
export function listLine(oid: string, path: string): string {
  return `${oid} ${path.replaceAll("\n", "\\n")}\n`;
}

/** A read blob as a source event: its bytes (decoded where they are scanned) with provenance, or a skip with the reason. */
export function blobEvent(result: BlobResult, provenance: Provenance): SourceEvent {
  const path = result.ref.path === "" ? result.ref.oid : result.ref.path;
  const blob = `blob ${result.ref.oid}`;
  if (result.kind === "too-large") return { type: "skip", path, reason: "too-large", detail: `${result.size} bytes, ${blob}` };
  if (result.kind === "missing") return { type: "skip", path, reason: "unreadable", detail: `missing object, ${blob}` };
  return { type: "blob", path, provenance, content: result.content };
}

/**
 * Reads listed blobs through two long-lived processes: `cat-file --batch-check` sizes every
 * listed object (input lines `<oid>[ <path>]`; trees and commits are dropped), and one
 * `cat-file --batch` streams the contents of the blobs within the size limit. No process per
 * blob; memory stays bounded because every pipe applies backpressure.
 */
export async function* readBlobs(
  cwd: string,
  input: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
  options: ReadBlobsOptions,
): AsyncGenerator<BlobResult> {
  const skipped: BlobResult[] = [];
  for await (const result of catBlobs(cwd, sizedBlobs(cwd, input, options, skipped))) {
    yield* skipped.splice(0);
    yield result;
  }
  yield* skipped.splice(0);
}

/**
 * Streams the contents of blobs through one `git cat-file --batch`, in the order given (the
 * pack order is the fast one: each delta base is still cached when its deltas come).
 */
export async function* catBlobs(cwd: string, refs: AsyncIterable<BlobRef> | Iterable<BlobRef>): AsyncGenerator<BlobResult> {
  const args = ["cat-file", "--batch", "--buffer"];
  const batch = spawnGit(cwd, args, true);
  const requested = new Queue<BlobRef>();
  let failure: unknown;
  const feeding = writeAll(stdinOf(batch), requestLines(refs, requested)).catch((error: unknown) => {
    failure ??= error;
  });
  let finished = false;
  try {
    for await (const object of parseBatchOutput(stdoutOf(batch))) {
      const ref = requested.shift();
      if (ref === undefined) continue;
      yield object.type === "blob" ? { kind: "content", ref, content: object.content } : { kind: "missing", ref };
    }
    await feeding;
    if (failure !== undefined) throw failure;
    finished = true;
  } finally {
    if (finished) await finishGit(batch, args);
    else await abandonGit(batch);
  }
}

async function* requestLines(refs: AsyncIterable<BlobRef> | Iterable<BlobRef>, requested: Queue<BlobRef>): AsyncGenerator<string> {
  for await (const ref of refs) {
    requested.push(ref);
    yield `${ref.oid}\n`;
  }
}

/** Sizes listed objects with `--batch-check`: yields the blobs within the limit, reports the others into `skipped`. */
async function* sizedBlobs(
  cwd: string,
  input: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
  options: ReadBlobsOptions,
  skipped: BlobResult[],
): AsyncGenerator<BlobRef> {
  const args = ["cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize) %(rest)", "--buffer"];
  const check = spawnGit(cwd, args, true);
  let failure: unknown;
  const feeding = writeAll(stdinOf(check), input).catch((error: unknown) => {
    failure ??= error;
  });
  let blobs = 0;
  let bytes = 0;
  let finished = false;
  try {
    for await (const line of splitRecords(stdoutOf(check), NEWLINE)) {
      const [oid = "", type = "", sizeText = "0"] = line.split(" ", 3);
      const ref = { oid, path: line.slice(oid.length + type.length + sizeText.length + 3) };
      // `cat-file` prints no path for a missing object; it is reported, never fetched.
      if (type === "missing") skipped.push({ kind: "missing", ref });
      if (type !== "blob") continue;
      const size = Number(sizeText);
      if (size > options.maxSize) {
        skipped.push({ kind: "too-large", ref, size });
        continue;
      }
      options.onListed?.(++blobs, (bytes += size), false);
      yield ref;
    }
    await feeding;
    if (failure !== undefined) throw failure;
    options.onListed?.(blobs, bytes, true);
    finished = true;
  } finally {
    if (finished) await finishGit(check, args);
    else await abandonGit(check);
  }
}

function stdinOf(process: GitProcess): Writable {
  if (process.stdin === null) throw new Error("git process has no stdin");
  return process.stdin;
}

/** Parses `cat-file --batch` output (`<oid> <type> <size>\n<bytes>\n`, or `<oid> missing\n`) as a stream. */
export async function* parseBatchOutput(stream: AsyncIterable<Buffer>): AsyncGenerator<BatchObject> {
  let header = EMPTY;
  let pending: { oid: string; type: string; body: Buffer; filled: number } | undefined;
  let skipNewline = false;
  for await (const chunk of stream) {
    let offset = 0;
    while (offset < chunk.length) {
      if (skipNewline) {
        skipNewline = false;
        offset++;
      } else if (pending !== undefined) {
        const n = Math.min(pending.body.length - pending.filled, chunk.length - offset);
        chunk.copy(pending.body, pending.filled, offset, offset + n);
        pending.filled += n;
        offset += n;
        if (pending.filled === pending.body.length) {
          yield { oid: pending.oid, type: pending.type, content: pending.body };
          pending = undefined;
          skipNewline = true;
        }
      } else {
        const end = chunk.indexOf(NEWLINE, offset);
        if (end === -1) {
          header = Buffer.concat([header, chunk.subarray(offset)]);
          break;
        }
        const line = Buffer.concat([header, chunk.subarray(offset, end)]).toString("latin1");
        header = EMPTY;
        offset = end + 1;
        const [oid = "", type = "missing", sizeText = "0"] = line.split(" ");
        const size = Number(sizeText);
        if (type === "missing" || size === 0) {
          yield { oid, type, content: EMPTY };
          skipNewline = type !== "missing";
        } else if (chunk.length - offset >= size) {
          // Whole object inside this chunk: no copy.
          yield { oid, type, content: chunk.subarray(offset, offset + size) };
          offset += size;
          skipNewline = true;
        } else {
          pending = { oid, type, body: Buffer.allocUnsafe(size), filled: 0 };
        }
      }
    }
  }
}

/** A FIFO with O(1) shift: the blobs requested from `--batch`, in the order it answers. */
class Queue<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
