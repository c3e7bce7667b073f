// Regions of a text that decode to printable text: base64 and hex runs, and percent-encoded tokens,
// each with where it sits, so that a secret found in the decoded text maps back to its span.
const MIN_RUN = 24;
const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/g;
const URL_TOKEN_CHAR = /[^\s"'<>()[\]{}`,;|\\]/;
// Larger runs are images, fonts and source maps: decoding them costs more than it finds.
const MAX_RUN = 16_384;
const MIN_PRINTABLE = 0.95;

/** How a region of text is encoded. */
export type Encoding = "base64" | "hex" | "url";

/** A region of text that decodes to printable text. */
export interface Encoded {
  readonly start: number;
  readonly end: number;
  readonly encoding: Encoding;
  readonly decoded: string;
  /** Offset in the text of each decoded character (URL encoding), so that a match maps back to its span. */
  readonly offsets?: readonly number[];
}

/** Decoded text when the bytes are (almost) all printable ASCII, else undefined. */
function printable(bytes: Buffer): string | undefined {
  if (bytes.length < 16) return undefined;
  let ok = 0;
  for (const b of bytes) if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09) ok++;
  return ok / bytes.length >= MIN_PRINTABLE ? bytes.toString("latin1") : undefined;
}

/** 1 for the characters of base64, base64url and hex (indexed by UTF-16 code unit: a table beats comparisons here). */
const RUN_CHAR = new Uint8Array(65536);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-") RUN_CHAR[c.charCodeAt(0)] = 1;

/**
 * Runs that may be base64, base64url or hex (with up to two `=` of padding), found by a plain
 * loop: a regex quantifier over a multi-megabyte run (a minified bundle, an inlined image)
 * exhausts the regex engine's stack. It skips like Boyer-Moore: a run of MIN_RUN starting in
 * `[i, i + MIN_RUN)` must cover `i + MIN_RUN - 1`, so one character there that is not in the
 * alphabet rules the whole window out. About a third of the characters are read (2x faster).
 */
export function encodedRuns(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const n = text.length;
  // Invariant: text[i - 1] is outside the alphabet (or i is 0, or the end of a reported run).
  let i = 0;
  while (i + MIN_RUN <= n) {
    const last = i + MIN_RUN - 1;
    let k = last;
    while (k >= i && RUN_CHAR[text.charCodeAt(k)] === 1) k--;
    if (k >= i) {
      i = k + 1;
      continue;
    }
    let at = last + 1;
    while (at < n && RUN_CHAR[text.charCodeAt(at)] === 1) at++;
    let end = at;
    while (end < n && end - at < 2 && text.charCodeAt(end) === 61) end++;
    if (end - i <= MAX_RUN) out.push({ start: i, end });
    i = end;
  }
  return out;
}

/** 1 for base64 characters whose 6-bit value is below 32 (`A`–`Z`, `a`–`f`): the top bits of an ASCII byte. */
const ASCII_TOP = new Uint8Array(65536);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef") ASCII_TOP[c.charCodeAt(0)] = 1;
/** 1 for hex digits; 2 for the high digits of printable ASCII (`2`–`7`), which are hex digits too. */
const HEX = new Uint8Array(65536);
for (const c of "0123456789abcdefABCDEF") HEX[c.charCodeAt(0)] = 1;
for (const c of "234567") HEX[c.charCodeAt(0)] = 2;

/**
 * Cheap test before decoding: in base64 of ASCII text every 4th character encodes a byte's top
 * six bits, so it lies in `A`–`f` (index < 32). Identifiers and paths fail at once.
 */
function mayEncodeAscii(text: string, start: number, end: number): boolean {
  for (let i = start; i < end && i < start + 256; i += 4) {
    if (ASCII_TOP[text.charCodeAt(i)] !== 1) return false;
  }
  return true;
}

/** Hex of ASCII text: even length, hex digits, and every byte's high digit between 2 and 7. */
function isHexOfAscii(text: string, start: number, end: number): boolean {
  if ((end - start) % 2 !== 0) return false;
  for (let i = start; i < end; i += 2) {
    if (HEX[text.charCodeAt(i)] !== 2 || HEX[text.charCodeAt(i + 1)] === 0) return false;
  }
  return true;
}

/** Base64 and hex runs that decode to printable text. */
export function* binaryToText(text: string): Generator<Encoded> {
  for (const { start, end } of encodedRuns(text)) {
    const encoding = isHexOfAscii(text, start, end) ? "hex" : mayEncodeAscii(text, start, end) ? "base64" : undefined;
    if (encoding === undefined) continue;
    const decoded = printable(Buffer.from(text.slice(start, end), encoding));
    if (decoded !== undefined) yield { start, end, encoding, decoded };
  }
}

/** Percent-encoded tokens: found from their escapes outwards, so that plain text costs one regex pass. */
export function* urlEncoded(text: string): Generator<Encoded> {
  if (!text.includes("%")) return;
  PERCENT_ESCAPE.lastIndex = 0;
  let covered = 0;
  for (let m = PERCENT_ESCAPE.exec(text); m !== null; m = PERCENT_ESCAPE.exec(text)) {
    if (m.index < covered) continue;
    let start = m.index;
    let end = m.index;
    while (start > 0 && start > m.index - MAX_RUN && URL_TOKEN_CHAR.test(text[start - 1] ?? "")) start--;
    while (end < text.length && end < m.index + MAX_RUN && URL_TOKEN_CHAR.test(text[end] ?? "")) end++;
    covered = end;
    if (end - start >= 24) yield { start, end, encoding: "url", ...percentDecode(text, start, end) };
  }
}

/** Decodes `%XX` escapes byte by byte (secrets are ASCII), keeping where each character came from. */
function percentDecode(text: string, start: number, end: number): { decoded: string; offsets: number[] } {
  let decoded = "";
  const offsets: number[] = [];
  for (let i = start; i < end; i++) {
    offsets.push(i);
    const hex = text[i] === "%" ? /^[0-9A-Fa-f]{2}$/.exec(text.slice(i + 1, i + 3)) : null;
    if (hex === null) {
      decoded += text[i] ?? "";
      continue;
    }
    decoded += String.fromCharCode(parseInt(hex[0], 16));
    i += 2;
  }
  return { decoded, offsets };
}

/** The span in the text of a match in the decoded string. */
export function spanOf(found: Encoded, from: number, to: number): { start: number; end: number } {
  if (found.offsets !== undefined) {
    return { start: found.offsets[from] ?? found.start, end: found.offsets[to] ?? found.end };
  }
  // Base64 packs 3 bytes in 4 characters, hex 1 byte in 2.
  const [chars, bytes] = found.encoding === "hex" ? [2, 1] : [4, 3];
  return { start: found.start + Math.floor((from * chars) / bytes), end: Math.min(found.end, found.start + Math.ceil((to * chars) / bytes)) };
}
