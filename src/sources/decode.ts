import { isAscii, isUtf8 } from "node:buffer";
import type { Provenance, SourceEvent } from "../model/fragment.js";

/** How a buffer was turned into text, or why it was not. */
export type Decoded =
  | { readonly kind: "text"; readonly text: string; readonly lossy: boolean }
  | { readonly kind: "binary" };

const SNIFF_BYTES = 8192;

/**
 * Decodes file bytes: UTF-16 with a BOM, UTF-8 (BOM stripped), otherwise latin1 so that an
 * ASCII secret in a file with a stray invalid byte is still found. A NUL in the first 8 KiB
 * of a non-UTF-16 buffer means binary.
 */
export function decodeBuffer(buffer: Buffer): Decoded {
  const b0 = buffer[0];
  const b1 = buffer[1];
  if (b0 === 0xff && b1 === 0xfe) return { kind: "text", text: buffer.toString("utf16le", 2), lossy: false };
  if (b0 === 0xfe && b1 === 0xff) return { kind: "text", text: decodeUtf16Be(buffer.subarray(2)), lossy: false };
  const sniff = buffer.subarray(0, SNIFF_BYTES);
  if (sniff.includes(0)) return { kind: "binary" };
  const start = b0 === 0xef && b1 === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  const body = start === 0 ? buffer : buffer.subarray(start);
  // ASCII (most source) makes a one-byte string by plain copy, faster than UTF-8 decoding.
  if (isAscii(body)) return { kind: "text", text: body.toString("latin1"), lossy: false };
  if (isUtf8(body)) return { kind: "text", text: body.toString("utf8"), lossy: false };
  return { kind: "text", text: body.toString("latin1"), lossy: true };
}

function decodeUtf16Be(buffer: Buffer): string {
  const swapped = Buffer.from(buffer.subarray(0, buffer.length - (buffer.length % 2)));
  swapped.swap16();
  return swapped.toString("utf16le");
}

/** Bytes read from a file or a blob as a source event: text to scan, or a skip when they are binary. */
export function decodedEvent(bytes: Buffer, path: string, provenance: Provenance, binaryDetail?: string): SourceEvent {
  const decoded = decodeBuffer(bytes);
  if (decoded.kind === "binary") return { type: "skip", path, reason: "binary", ...(binaryDetail === undefined ? {} : { detail: binaryDetail }) };
  return {
    type: "fragment",
    fragment: { text: decoded.text, path, provenance },
    bytes: bytes.length,
    ...(decoded.lossy ? { lossy: true } : {}),
  };
}
