import { readFileSync } from "node:fs";

/**
 * The WebAssembly keyword finder (source: wasm/prefilter.ts, built by `npm run build`). Same
 * contract as the Aho-Corasick automaton: which keywords occur in a text, ASCII letters matched
 * case-insensitively. Texts whose characters are all below U+0100 go in one byte per character
 * (a plain copy); bytes 0x80-0xFF occur in no keyword, as the automaton never matches a non-ASCII
 * character. Other texts are left to the automaton: encoding them costs more than it saves
 * (two-byte strings in rails/rails: 16.6 of 38.6 MB, UTF-8 encoding 60-70 ms against 5 ms).
 */
export interface WasmKeywordFinder {
  /** Indices (into the keyword list) of the keywords that occur in `text`, ascending; null when the text holds a character above U+00FF. */
  find(text: string): number[] | null;
}

// Layout shared with wasm/prefilter.ts.
const PAIRS = 64;
const MAX_PAIRS = (256 - PAIRS - 4) / 4;
const FOUND = 256;
const ENTRIES = 4096;
const KEYBYTES = 40960;
const KEYBYTES_END = 106496;
const SHORT = 106496;
const BITMAP4 = 114688;
const PRISTINE = 122880;
const START = 139264;
const LISTS = 401424;
const LISTS_END = 1048576;
const INPUT = 1048576;
const PAD = 48;
const MAX_KEYWORDS = (KEYBYTES - ENTRIES) / 16;
const PAGE = 65536;
/** A character that one byte cannot hold. */
const WIDE = /[^\x00-\xff]/;

// The few WebAssembly globals used; the project's lib settings carry no WebAssembly types.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

let compiled: object | null | undefined;

/** The compiled module, or null where there is no build, no WebAssembly or no SIMD. */
function wasmModule(): object | null {
  if (compiled !== undefined) return compiled;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    // Compiling validates: an engine without SIMD rejects the module here.
    compiled = api === undefined ? null : new api.Module(readFileSync(new URL("../../wasm/prefilter.wasm", import.meta.url)));
  } catch {
    compiled = null;
  }
  return compiled;
}

/** The module's hash of four bytes (little-endian in `x`): keep equal to the module's. */
function hash4(x: number): number {
  return Math.imul(x, 0x9e3779b1) >>> 16;
}

/** The module's hash of three bytes: keep equal to `hash3` there. */
function hash3(x: number): number {
  return hash4(x & 0xffffff);
}

function setBit(bytes: Uint8Array, bits: number, h: number): void {
  bytes[bits + (h >> 3)] = (bytes[bits + (h >> 3)] ?? 0) | (1 << (h & 7));
}

/** Writes one keyword's entry and bytes at `offset`; returns its first (up to) four bytes, little-endian. */
function writeEntry(bytes: Uint8Array, view: DataView, word: string, index: number, offset: number): number {
  let prefix = 0;
  let mask = 0;
  for (let j = 0; j < Math.min(4, word.length); j++) {
    prefix |= word.charCodeAt(j) << (8 * j);
    mask |= 0xff << (8 * j);
  }
  const at = ENTRIES + index * 16;
  view.setUint32(at, prefix >>> 0, true);
  view.setUint32(at + 4, mask >>> 0, true);
  view.setUint32(at + 8, offset, true);
  view.setUint16(at + 12, word.length, true);
  view.setUint16(at + 14, index, true);
  for (let j = 0; j < word.length; j++) bytes[offset + j] = word.charCodeAt(j);
  return prefix >>> 0;
}

/** Writes the entries, keyword bytes, bit tables (the three-byte one as its pristine copy) and hash lists. */
function writeTables(bytes: Uint8Array, view: DataView, keywords: readonly string[]): boolean {
  const lists = new Map<number, number[]>();
  let offset = KEYBYTES;
  let pairs = 0;
  keywords.forEach((word, index) => {
    const prefix = writeEntry(bytes, view, word, index, offset);
    offset += word.length;
    if (word.length === 2) {
      // Two-byte keywords are searched apart (PAIRS), not through the tables.
      view.setUint16(PAIRS + 4 + pairs * 4, prefix, true);
      view.setUint16(PAIRS + 4 + pairs * 4 + 2, index, true);
      pairs++;
      return;
    }
    if (word.length >= 4) setBit(bytes, BITMAP4, hash4(prefix));
    const h = hash3(prefix & 0xffffff);
    if (word.length === 3) setBit(bytes, SHORT, h);
    lists.set(h, [...(lists.get(h) ?? []), index]);
  });
  view.setUint32(PAIRS, pairs, true);
  // START[h] is where hash h's list begins: filled in runs (native fill) between the few used hashes.
  const start = new Uint32Array(view.buffer, START, 65537);
  const entries = new Uint16Array(view.buffer, LISTS, (LISTS_END - LISTS) / 2);
  let l = 0;
  let next = 0;
  for (const h of [...lists.keys()].sort((a, b) => a - b)) {
    start.fill(l, next, h + 1);
    next = h + 1;
    setBit(bytes, PRISTINE, h);
    for (const index of lists.get(h) ?? []) entries[l++] = index;
  }
  start.fill(l, next);
  return offset <= KEYBYTES_END && pairs <= MAX_PAIRS;
}

/**
 * Builds the finder for lower-case keywords, or returns null when it cannot serve them
 * exactly (no module, a non-ASCII, one-letter or too long keyword, too many keywords): the
 * caller then stays on the JS automaton.
 */
export function buildWasmFinder(keywords: readonly string[]): WasmKeywordFinder | null {
  const module = wasmModule();
  if (module === null || keywords.length === 0 || keywords.length > MAX_KEYWORDS) return null;
  if (keywords.some((k) => k.length < 2 || k.length > 0xffff || !/^[\x01-\x7f]+$/.test(k) || /[A-Z]/.test(k))) return null;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined) return null;
  const instance = new api.Instance(module, {});
  const memory = instance.exports["memory"] as WasmMemory;
  const scan = instance.exports["scan"] as (n: number, count: number) => number;
  let buffer = Buffer.from(memory.buffer);
  if (!writeTables(buffer, new DataView(memory.buffer), keywords)) return null;
  return {
    find(text) {
      if (WIDE.test(text)) return null;
      const need = INPUT + text.length + PAD;
      if (need > memory.buffer.byteLength) {
        try {
          memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE));
        } catch {
          return null; // no memory for this text: the automaton reads it in place
        }
        buffer = Buffer.from(memory.buffer);
      }
      const n = buffer.write(text, INPUT, "latin1");
      const count = scan(n, keywords.length);
      const found: number[] = [];
      for (let i = 0; found.length < count && i < keywords.length; i++) if (buffer[FOUND + i] !== 0) found.push(i);
      return found;
    },
  };
}
