import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import type { SourceEvent } from "../model/fragment.js";
import { decodedEvent } from "./decode.js";

const FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0);

// One read buffer per thread, grown as needed: the decoded text is a copy, so the bytes need not
// outlive the call, and a fresh buffer per file cost a page fault per 4 KiB (~2.5 ns a byte here).
let scratch = Buffer.allocUnsafe(1 << 20);

/**
 * Reads one file as a source event. Synchronous on purpose: it runs on detection worker
 * threads, where blocking reads cost less than the thread-pool round trips of async ones.
 * Opens without following symlinks and without blocking (a FIFO swapped in after the walk
 * cannot hang the scan), checks the size before reading, and turns every per-file problem
 * into a skip with its reason.
 */
export function readFileEvent(absPath: string, relPath: string, maxFileSize: number): SourceEvent {
  let fd: number;
  try {
    fd = openSync(absPath, FLAGS);
  } catch (error) {
    return skipFor(relPath, error);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { type: "skip", path: relPath, reason: "not-regular-file" };
    if (stat.size > maxFileSize) {
      return { type: "skip", path: relPath, reason: "too-large", detail: `${stat.size} bytes > ${maxFileSize}` };
    }
    return decodedEvent(readAll(fd, stat.size), relPath, { kind: "file" });
  } catch (error) {
    return skipFor(relPath, error);
  } finally {
    closeSync(fd);
  }
}

/** Reads up to `size` bytes into the scratch buffer; a file truncated meanwhile yields what is there. */
function readAll(fd: number, size: number): Buffer {
  if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
  const buffer = scratch;
  let offset = 0;
  while (offset < size) {
    const n = readSync(fd, buffer, offset, size - offset, offset);
    if (n === 0) break;
    offset += n;
  }
  return buffer.subarray(0, offset);
}

function skipFor(relPath: string, error: unknown): SourceEvent {
  const code = (error as NodeJS.ErrnoException).code ?? "error";
  if (code === "ENOENT") return { type: "skip", path: relPath, reason: "vanished" };
  if (code === "ELOOP") return { type: "skip", path: relPath, reason: "symlink" };
  return { type: "skip", path: relPath, reason: "unreadable", detail: code };
}
