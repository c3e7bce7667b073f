/** Lines either side of a line that decide its line-local candidates (rule windows read one). */
export const CONTEXT_LINES = 3;
// Texts with more lines are scanned whole: the per-line buffers stay bounded (~7 MB a thread).
const MAX_LINES = 1 << 18;

/** Per-thread buffers for a text's lines: starts, hashes, keys, and the reduced text's map. */
export class LineBuffers {
  /** starts[i]: offset of line i; starts[n]: text length + 1. */
  starts = new Int32Array(1024);
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
  /** Runs of kept text: reduced start, original start, length (flat triples). */
  private runs: number[] = [];

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
    let p1 = 0x1b873593;
    let p2 = 0x68e31da4;
    for (let i = 0; i < path.length; i++) {
      p1 = Math.imul(p1 ^ path.charCodeAt(i), 0x01000193);
      p2 = Math.imul(p2 + path.charCodeAt(i), 0x9e3779b1) ^ (p2 >>> 15);
    }
    const { k1, k2 } = this;
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
    return n;
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
   * numbers and columns. A text long enough for the rules' keyword windows is padded to stay so.
   */
  reduce(text: string, n: number): string {
    const { core, kept, starts } = this;
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
    const parts: string[] = [];
    const runs: number[] = [];
    let r = 0;
    let kept_ = 0;
    for (let i = 0; i < n; ) {
      let e = i;
      if (kept[i] === 1) {
        while (e + 1 < n && kept[e + 1] === 1) e++;
        const from = starts[i] ?? 0;
        const to = (starts[e + 1] ?? 0) - 1;
        parts.push(text.slice(from, to));
        runs.push(r, from, to - from);
        r += to - from;
        kept_ += e - i + 1;
      } else {
        while (e + 1 < n && kept[e + 1] !== 1) e++;
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
    this.runs = runs;
    this.keptLines = kept_;
    return parts.join("");
  }

  /** The original offset of a reduced one inside kept text (`end`: may be a run's end), or -1. */
  toOriginal(offset: number, end: boolean): number {
    const { runs } = this;
    let lo = 0;
    let hi = runs.length / 3 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((runs[mid * 3] ?? 0) <= (end ? offset - 1 : offset)) lo = mid;
      else hi = mid - 1;
    }
    const r = runs[lo * 3] ?? 0;
    const o = runs[lo * 3 + 1] ?? 0;
    const len = runs[lo * 3 + 2] ?? 0;
    const inside = end ? offset > r && offset <= r + len : offset >= r && offset < r + len;
    return inside ? o + (offset - r) : -1;
  }
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
