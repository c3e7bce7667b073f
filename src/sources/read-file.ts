import { constants } from "node:fs";
import { open } from "node:fs/promises";
import type { SourceEvent } from "../model/fragment.js";
import { decodeBuffer } from "./decode.js";

/**
 * Reads one file as a source event. Opens without following symlinks and without blocking
 * (a FIFO swapped in after the walk cannot hang the scan), checks the size before reading,
 * and turns every per-file problem into a skip with its reason.
 */
export async function readFileEvent(absPath: string, relPath: string, maxFileSize: number): Promise<SourceEvent> {
  let handle;
  try {
    handle = await open(absPath, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    return skipFor(relPath, error);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { type: "skip", path: relPath, reason: "not-regular-file" };
    if (stat.size > maxFileSize) {
      return { type: "skip", path: relPath, reason: "too-large", detail: `${stat.size} bytes > ${maxFileSize}` };
    }
    const buffer = await handle.readFile();
    const decoded = decodeBuffer(buffer);
    if (decoded.kind === "binary") return { type: "skip", path: relPath, reason: "binary" };
    return {
      type: "fragment",
      fragment: { text: decoded.text, path: relPath, provenance: { kind: "file" } },
      bytes: buffer.length,
      ...(decoded.lossy ? { lossy: true } : {}),
    };
  } catch (error) {
    return skipFor(relPath, error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function skipFor(relPath: string, error: unknown): SourceEvent {
  const code = (error as NodeJS.ErrnoException).code ?? "error";
  if (code === "ENOENT") return { type: "skip", path: relPath, reason: "vanished" };
  if (code === "ELOOP") return { type: "skip", path: relPath, reason: "symlink" };
  return { type: "skip", path: relPath, reason: "unreadable", detail: code };
}
