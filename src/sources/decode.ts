import { isAscii, isUtf8 } from "node:buffer";
import type { Fragment, Provenance, RawText, SourceEvent } from "../model/fragment.js";

/** How a buffer was turned into text, or why it was not. */
export type Decoded =
  | { readonly kind: "text"; readonly text: string; readonly lossy: boolean }
  | { readonly kind: "binary" }
  | { readonly kind: "undecodable"; readonly detail: string };

const SNIFF_BYTES = 8192;

/**
 * Decodes file bytes: UTF-32 or UTF-16 with a BOM, UTF-8 (BOM stripped), otherwise latin1 so
 * that an ASCII secret in a file with a stray invalid byte is still found. A NUL in the first
 * 8 KiB of a buffer without a UTF-16/32 BOM means binary. A UTF-32 BOM before bytes that are not
 * UTF-32 is `undecodable`: read as anything else the text would be noise, silently.
 */
export function decodeBuffer(buffer: Buffer): Decoded {
  const b0 = buffer[0];
  const b1 = buffer[1];
  // Checked first: the UTF-32LE BOM starts with the UTF-16LE one.
  if (b0 === 0xff && b1 === 0xfe && buffer[2] === 0 && buffer[3] === 0) return decodeUtf32(buffer.subarray(4), true);
  if (b0 === 0 && b1 === 0 && buffer[2] === 0xfe && buffer[3] === 0xff) return decodeUtf32(buffer.subarray(4), false);
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

function decodeUtf32(buffer: Buffer, littleEndian: boolean): Decoded {
  if (buffer.length % 4 !== 0) return { kind: "undecodable", detail: `UTF-32 BOM, but ${buffer.length} bytes is not a whole number of code units` };
  const codes = new Array<number>(buffer.length / 4);
  for (let i = 0; i < codes.length; i++) {
    const code = littleEndian ? buffer.readUInt32LE(i * 4) : buffer.readUInt32BE(i * 4);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      return { kind: "undecodable", detail: `UTF-32 BOM, but 0x${code.toString(16)} at byte ${4 + i * 4} is not a code point` };
    }
    codes[i] = code;
  }
  // fromCodePoint takes arguments: in chunks, well below the engine's argument limit.
  let text = "";
  for (let i = 0; i < codes.length; i += CODE_POINT_CHUNK) text += String.fromCodePoint(...codes.slice(i, i + CODE_POINT_CHUNK));
  return { kind: "text", text, lossy: false };
}

const CODE_POINT_CHUNK = 8192;

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
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff) || bytes.subarray(0, SNIFF_BYTES).includes(0))
    return decodedEvent(bytes, path, provenance, binaryDetail);
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
  if (decoded.kind === "undecodable")
    return { type: "skip", path, reason: "undecodable", detail: binaryDetail === undefined ? decoded.detail : `${binaryDetail}: ${decoded.detail}` };
  return {
    type: "fragment",
    fragment: { text: decoded.text, path, provenance },
    bytes: bytes.length,
    ...(decoded.lossy ? { lossy: true } : {}),
  };
}
