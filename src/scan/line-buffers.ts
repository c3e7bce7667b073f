/** Lines either side of a line that decide its line-local candidates (rule windows read one). */
export const CONTEXT_LINES = 3;
// Texts with more lines are scanned whole: the per-line buffers stay bounded (~7 MB a thread).
const MAX_LINES = 1 << 18;

/** Per-thread buffers for a text's lines: starts, hashes, keys, and the reduced text's map. */
export class LineBuffers {
  /** starts[i]: offset of line i in the text (`hash`, `textLines`); starts[n]: text length + 1. */
  starts = new Int32Array(1024);
  /** byteStarts[i]: offset of line i in the raw bytes (`hashBytes`); byteStarts[n]: length + 1. */
  private byteStarts = new Int32Array(1024);
  /** reducedStarts[i]: offset of line i in the reduced text; reducedStarts[n]: its length + 1. */
  private reducedStarts = new Int32Array(1024);
  private h1 = new Int32Array(1024);
  private h2 = new Int32Array(1024);
  k1 = new Int32Array(1024);
  k2 = new Int32Array(1024);
  /** Each line's slot in the table, from the lookup, so that storing it needs no second probe. */
  slot = new Int32Array(1024);
  core = new Uint8Array(1024);
  flags = new Uint8Array(1024);
  private kept = new Uint8Array(1024);
  private n = 0;
  keptLines = 0;

  /** Room for `n` lines; what `hash` has filled so far (starts, line hashes) is kept. */
  private ensure(n: number): void {
    if (n + 1 <= this.starts.length) return;
    const size = 2 ** Math.ceil(Math.log2(n + 1));
    const keep = (old: Int32Array) => {
      const grown = new Int32Array(size);
      grown.set(old);
      return grown;
    };
    this.starts = keep(this.starts);
    this.byteStarts = keep(this.byteStarts);
    this.reducedStarts = new Int32Array(size);
    this.h1 = keep(this.h1);
    this.h2 = keep(this.h2);
    this.k1 = new Int32Array(size);
    this.k2 = new Int32Array(size);
    this.slot = new Int32Array(size);
    this.core = new Uint8Array(size);
    this.flags = new Uint8Array(size);
    this.kept = new Uint8Array(size);
  }

  /** Hashes every line, then every line's key (path and the lines around it); returns the line count, or -1 past MAX_LINES. */
  hash(text: string, path: string): number {
    const len = text.length;
    let { starts, h1, h2 } = this;
    let n = 0;
    // Line breaks by indexOf (native, fast); each line's characters through two multiplicative hashes.
    for (let from = 0; ; ) {
      const at = text.indexOf("\n", from);
      const end = at < 0 ? len : at;
      let a = 0x811c9dc5;
      let b = 0x2545f491;
      // Two characters a step (each below 2^16): half the multiplications.
      let i = from;
      for (; i + 1 < end; i += 2) {
        const c = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995);
        b = (b << 7) | (b >>> 25);
      }
      if (i < end) {
        const c = text.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995);
      }
      if (n + 2 > starts.length) {
        if (n + 3 > MAX_LINES) return -1;
        this.ensure(n + 2);
        ({ starts, h1, h2 } = this);
      }
      starts[n] = from;
      h1[n] = fmix(a ^ (end - from));
      h2[n] = fmix((b + Math.imul(end - from, 0x27d4eb2f)) | 0);
      n++;
      if (at < 0) break;
      from = at + 1;
    }
    starts[n] = len + 1;
    this.n = n;
    this.keys(path, 0);
    return n;
  }

  /**
   * Hashes every line of raw bytes (UTF-8 or Latin-1, `encoding`, without a BOM) four bytes a
   * step before anything is decoded, then every line's key. A line's key covers its bytes and the
   * encoding, so it names the same decoded text wherever it recurs. Returns the line count, or -1
   * past MAX_LINES.
   */
  hashBytes(bytes: Uint8Array, path: string, encoding: "utf8" | "latin1"): number {
    const len = bytes.length;
    let { byteStarts, h1, h2 } = this;
    let n = 0;
    for (let from = 0; ; ) {
      const at = bytes.indexOf(10, from);
      const end = at < 0 ? len : at;
      let a = 0x811c9dc5;
      let b = 0x2545f491;
      let i = from;
      for (; i + 3 < end; i += 4) {
        const c = (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995);
        b = (b << 7) | (b >>> 25);
      }
      for (; i < end; i++) {
        const c = bytes[i] ?? 0;
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995);
      }
      if (n + 2 > byteStarts.length) {
        if (n + 3 > MAX_LINES) return -1;
        this.ensure(n + 2);
        ({ byteStarts, h1, h2 } = this);
      }
      byteStarts[n] = from;
      h1[n] = fmix(a ^ (end - from));
      h2[n] = fmix((b + Math.imul(end - from, 0x27d4eb2f)) | 0);
      n++;
      if (at < 0) break;
      from = at + 1;
    }
    byteStarts[n] = len + 1;
    this.n = n;
    // Keys of bytes never equal keys of text lines hashed two characters a step, nor across encodings.
    this.keys(path, encoding === "utf8" ? 0x3c6ef372 : 0x1f83d9ab);
    return n;
  }

  /** The text's line starts, for a text whose bytes `hashBytes` read (same lines). */
  textLines(text: string): void {
    const { starts } = this;
    let i = 0;
    for (let at = 0; i < this.n; i++) {
      starts[i] = at;
      const next = text.indexOf("\n", at);
      at = next < 0 ? text.length + 1 : next + 1;
    }
    starts[i] = text.length + 1;
  }

  /** Each line's key: the path (and `salt`) with the lines CONTEXT_LINES either side. */
  private keys(path: string, salt: number): void {
    const { n } = this;
    let p1 = 0x1b873593 ^ salt;
    let p2 = 0x68e31da4;
    for (let i = 0; i < path.length; i++) {
      p1 = Math.imul(p1 ^ path.charCodeAt(i), 0x01000193);
      p2 = Math.imul(p2 + path.charCodeAt(i), 0x9e3779b1) ^ (p2 >>> 15);
    }
    const { k1, k2, h1, h2 } = this;
    const w = CONTEXT_LINES;
    for (let i = 0; i < n; i++) {
      let x = p1;
      let y = p2;
      // Lines past either end hash as a fixed value: being near the start or end is context too.
      for (let j = i - w; j <= i + w; j++) {
        const inside = j >= 0 && j < n;
        x = Math.imul(x ^ (inside ? (h1[j] ?? 0) : 0x5f3759df), 0x85ebca6b);
        x ^= x >>> 13;
        y = Math.imul(y ^ (inside ? (h2[j] ?? 0) : 0x6a09e667), 0xc2b2ae35);
        y ^= y >>> 16;
      }
      k1[i] = fmix(x);
      k2[i] = fmix(y);
    }
  }

  /** The line holding an original offset. */
  lineOf(offset: number): number {
    const { starts } = this;
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * The text with only the core lines and their context, every other line emptied: same line
   * numbers and columns. Read from the text (after `hash`) or, after `hashBytes`, decoded from
   * the bytes of the kept lines only (a line's bytes decode alone as in the whole text: a line
   * break byte never sits inside a UTF-8 sequence).
   */
  reduce(source: string | { readonly bytes: Buffer; readonly encoding: "utf8" | "latin1" }, n: number): string {
    const { core, kept, reducedStarts } = this;
    const w = CONTEXT_LINES;
    let last = -Infinity;
    for (let i = 0; i < n; i++) {
      if (core[i] === 1) last = i;
      kept[i] = i - last <= w ? 1 : 0;
    }
    last = Infinity;
    for (let i = n - 1; i >= 0; i--) {
      if (core[i] === 1) last = i;
      if (last - i <= w) kept[i] = 1;
    }
    const fromText = typeof source === "string";
    const starts = fromText ? this.starts : this.byteStarts;
    const parts: string[] = [];
    let r = 0;
    let keptLines = 0;
    for (let i = 0; i < n; ) {
      let e = i;
      if (kept[i] === 1) {
        while (e + 1 < n && kept[e + 1] === 1) e++;
        const from = starts[i] ?? 0;
        const to = (starts[e + 1] ?? 0) - 1;
        const run = fromText ? source.slice(from, to) : source.bytes.toString(source.encoding, from, to);
        parts.push(run);
        // Each kept line's start in the reduced text: the run's line breaks are the lines'.
        let at = 0;
        for (let k = i; k <= e; k++) {
          reducedStarts[k] = r + at;
          const next = run.indexOf("\n", at);
          at = next < 0 ? run.length + 1 : next + 1;
        }
        r += run.length;
        keptLines += e - i + 1;
      } else {
        while (e + 1 < n && kept[e + 1] !== 1) e++;
        for (let k = i; k <= e; k++) reducedStarts[k] = r + (k - i);
        if (e - i > 0) {
          parts.push("\n".repeat(e - i));
          r += e - i;
        }
      }
      if (e + 1 < n) {
        parts.push("\n");
        r++;
      }
      i = e + 1;
    }
    reducedStarts[n] = r + 1;
    this.keptLines = keptLines;
    return parts.join("");
  }

  /** The line holding an offset of the reduced text. */
  reducedLineOf(offset: number): number {
    const { reducedStarts } = this;
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((reducedStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The kept line holding an offset of the reduced text (`end`: the character before it), or -1 on an emptied line. */
  keptLineOf(offset: number, end: boolean): number {
    const line = this.reducedLineOf(end ? Math.max(0, offset - 1) : offset);
    return this.kept[line] === 1 ? line : -1;
  }

  /**
   * The original offset of a reduced one on a kept line (`end`: the character before it is on
   * it), or -1; needs the text's line starts (`hash`, or `textLines` after `hashBytes`).
   */
  toOriginal(offset: number, end: boolean): number {
    const line = this.keptLineOf(offset, end);
    if (line < 0) return -1;
    const from = this.reducedStarts[line] ?? 0;
    const length = (this.reducedStarts[line + 1] ?? 0) - 1 - from;
    // Past the line's end (its line break) counts only when the next line is kept too.
    if (offset - from >= length + (end ? 1 : 0) && (line + 1 >= this.n || this.kept[line + 1] !== 1)) return -1;
    return (this.starts[line] ?? 0) + (offset - from);
  }
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
