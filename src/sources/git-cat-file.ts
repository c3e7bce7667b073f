import { once } from "node:events";
import type { Writable } from "node:stream";
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

/**
 * Reads blobs through two long-lived processes: `cat-file --batch-check` sizes every listed
 * object (input lines `<oid>[ <path>]`; trees, commits and missing objects are dropped), and one
 * `cat-file --batch` streams the contents of the blobs within the size limit. No process per
 * blob; memory stays bounded because every pipe applies backpressure.
 */
export async function* readBlobs(
  cwd: string,
  input: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
  options: ReadBlobsOptions,
): AsyncGenerator<BlobResult> {
  const checkArgs = ["cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize) %(rest)", "--buffer"];
  const batchArgs = ["cat-file", "--batch", "--buffer"];
  const check = spawnGit(cwd, checkArgs, true);
  const batch = spawnGit(cwd, batchArgs, true);
  const requested = new Queue<BlobRef>();
  const oversized: BlobResult[] = [];
  let failure: unknown;
  const fail = (error: unknown) => {
    failure ??= error;
  };
  const feeding = writeAll(stdinOf(check), input).catch(fail);
  const routing = routeListed(check, batch, options, (ref, size) => {
    if (size === undefined) requested.push(ref);
    else oversized.push(size < 0 ? { kind: "missing", ref } : { kind: "too-large", ref, size });
  }).catch(fail);
  let finished = false;
  try {
    for await (const object of parseBatchOutput(stdoutOf(batch))) {
      while (oversized.length > 0) yield oversized.shift() as BlobResult;
      const ref = requested.shift();
      if (ref !== undefined && object.type === "blob") yield { kind: "content", ref, content: object.content };
    }
    await Promise.all([feeding, routing]);
    yield* oversized.splice(0);
    if (failure !== undefined) throw failure;
    finished = true;
  } finally {
    if (finished) await Promise.all([finishGit(check, checkArgs), finishGit(batch, batchArgs)]);
    else await Promise.all([abandonGit(check), abandonGit(batch)]);
  }
}

/** Reads `--batch-check` lines: blobs within the limit go to `--batch`, the rest are reported (size -1: missing). */
async function routeListed(
  check: GitProcess,
  batch: GitProcess,
  options: ReadBlobsOptions,
  route: (ref: BlobRef, oversize: number | undefined) => void,
): Promise<void> {
  const stdin = stdinOf(batch);
  let blobs = 0;
  let bytes = 0;
  for await (const line of splitRecords(stdoutOf(check), NEWLINE)) {
    const [oid = "", type, sizeText = "0"] = line.split(" ", 3);
    // Reported, never fetched (`cat-file` prints no path for a missing object).
    if (type === "missing") route({ oid, path: "" }, -1);
    if (type !== "blob") continue;
    const size = Number(sizeText);
    const path = line.slice(oid.length + type.length + sizeText.length + 3);
    if (size > options.maxSize) {
      route({ oid, path }, size);
      continue;
    }
    route({ oid, path }, undefined);
    options.onListed?.(++blobs, (bytes += size), false);
    if (!stdin.write(`${oid}\n`)) await once(stdin, "drain");
  }
  stdin.end();
  options.onListed?.(blobs, bytes, true);
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
