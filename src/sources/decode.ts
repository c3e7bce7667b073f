import { isAscii, isUtf8 } from "node:buffer";
import type { Fragment, Provenance, RawText, SourceEvent } from "../model/fragment.js";

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

/**
 * A git blob's bytes as a source event whose text is decoded only when read: history dedupe
 * hashes the raw lines and decodes only those it scans (84 % of rails' history lines never are).
 * UTF-16 (BOM) and binary blobs are handled as by `decodedEvent`.
 */
export function lazyDecodedEvent(bytes: Buffer, path: string, provenance: Provenance, binaryDetail?: string): SourceEvent {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff) || bytes.subarray(0, SNIFF_BYTES).includes(0)) return decodedEvent(bytes, path, provenance, binaryDetail);
  const body = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const utf8 = !isAscii(body) && isUtf8(body);
  const lossy = !utf8 && !isAscii(body);
  const raw: RawText = { bytes: body, encoding: utf8 ? "utf8" : "latin1" };
  let text: string | undefined;
  const fragment: Fragment = {
    get text() {
      text ??= body.toString(raw.encoding);
      return text;
    },
    raw,
    path,
    provenance,
  };
  return { type: "fragment", fragment, bytes: bytes.length, ...(lossy ? { lossy: true } : {}) };
}

/** Whether a fragment's text holds an ASCII literal, read from its bytes when it has them (no decoding). */
export function fragmentIncludes(fragment: Fragment, literal: string): boolean {
  return fragment.raw === undefined ? fragment.text.includes(literal) : fragment.raw.bytes.includes(literal, 0, "latin1");
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
