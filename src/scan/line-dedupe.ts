import { writeFileSync } from "node:fs";
import { threadId } from "node:worker_threads";
import type { Candidate } from "../model/finding.js";
import type { Fragment } from "../model/fragment.js";
import type { CompiledRule } from "../model/rule.js";
import { DETECTORS, runDetector } from "../detectors/index.js";
import type { DetectContext, Detector } from "../detectors/index.js";
import { ruleCandidates } from "../detectors/regex.js";
import type { KeywordHits } from "../detectors/keyword-prefilter.js";
import { keywordSearchOf } from "../rules/match.js";
import { LineKeyTable } from "../util/line-key-table.js";

/**
 * Line-level dedupe for git history: successive versions of a file share most of their lines, so
 * a line already scanned with the same neighbours at the same path is not scanned again.
 *
 * A line's key is a hash of its path and of the lines `CONTEXT_LINES` either side of it (a
 * shingle). The line-local detectors decide a candidate starting on a line from those lines alone,
 * so a key seen before with no candidate ("cold") has none now either. Each blob is scanned on the
 * "core" lines (key new, or key that had a candidate: "hot", rescanned so that the finding is made
 * again, in this blob and at this line) with their context, the other lines emptied (line numbers
 * and columns unchanged; offsets mapped back). Everything that is not line-local forces a whole
 * scan of the blob: a detector outside `LINE_LOCAL` that applies (PEM blocks, structured config,
 * CI files, notebooks, any detector added later), a keyword of a rule that may match away from its
 * keywords' lines (seen in the scanned lines or remembered for a skipped one), or a candidate that
 * reaches an emptied line.
 */

/** Lines either side of a line that decide its line-local candidates (rule windows read one). */
export const CONTEXT_LINES = 3;

/**
 * Detectors whose candidates starting on a line depend only on the lines around it.
 * `password-literal` reads a name, an operator and a one-line literal a few characters apart.
 */
const LINE_LOCAL: ReadonlySet<string> = new Set(["regex", "encoded", "generic-assignment", "jwt", "uri-credentials", "password-literal"]);

const SEEN = 1;
const HOT = 2;
/**
 * Bits 2-7: which keyword of a rule that is not line-local the line holds: 0 none, 1 + its index,
 * or SEVERAL (then the whole text is searched for them again).
 */
const KEYWORD_SHIFT = 2;
const SEVERAL = 63;
const NOTEBOOK = /\.ipynb$/i;
// Texts with more lines are scanned whole: the per-line buffers stay bounded (~7 MB a thread).
const MAX_LINES = 1 << 18;
// Past this share of core lines, the whole text costs less than cutting it up.
const WHOLE_SHARE = 0.5;

/** What the dedupe did, for benchmarks and `--debug`. */
export interface LineDedupeStats {
  blobs: number;
  /** Blobs scanned whole: new, mostly changed, or with something that is not line-local. */
  whole: number;
  /** Blobs of which only some lines were scanned. */
  partial: number;
  /** Blobs with no line to scan. */
  skipped: number;
  lines: number;
  /** Lines read by detectors (whole blobs, and core lines with context). */
  linesScanned: number;
  bytes: number;
  bytesScanned: number;
  /** Times the table of scanned lines was emptied at its size limit. */
  tableResets: number;
}

/** Detection of a git blob's text with line-level dedupe. */
export interface LineDedupe {
  /** The candidates of the fragment, the same as `detectAll` would give. */
  detect(fragment: Fragment): Candidate[];
  readonly stats: LineDedupeStats;
  /** Called every 1,000 blobs (benchmarks). */
  onProgress?: () => void;
}

/** For benchmarks (NHISCAN_DEDUPE_STATS=prefix): each thread keeps its running stats in `prefix.<thread>.json`; workers end without a goodbye. */
export function recordStats(prefix: string, dedupe: LineDedupe): () => void {
  const write = () => writeFileSync(`${prefix}.${threadId}.json`, JSON.stringify(dedupe.stats));
  process.on("exit", write);
  return write;
}

/** Builds the dedupe for one thread: its table of scanned lines lives as long as the thread. */
export function createLineDedupe(context: DetectContext, detectAll: (fragment: Fragment) => Candidate[], table = new LineKeyTable()): LineDedupe {
  const globalRules = new Set<CompiledRule>(context.rules.filter((rule) => keywordSearchOf(rule) === undefined));
  const globalKeywords = [...new Set([...globalRules].flatMap((rule) => rule.keywords))];
  const globalSearch = globalKeywords.length === 0 ? undefined : new RegExp(globalKeywords.map(escapeRegex).join("|"), "gi");
  const local: Detector[] = [];
  const others: Detector[] = [];
  for (const detector of Object.values(DETECTORS)) (LINE_LOCAL.has(detector.id) ? local : others).push(detector);
  const lines = new LineBuffers();
  // The table's epoch when this blob's lines were looked up (their slots are valid while it holds).
  let epoch = -1;
  const stats: LineDedupeStats = { blobs: 0, whole: 0, partial: 0, skipped: 0, lines: 0, linesScanned: 0, bytes: 0, bytesScanned: 0, tableResets: 0 };
  const hasGlobalRule = (text: string) => globalRules.size > 0 && context.prefilter.scan(text).rules.some((rule) => globalRules.has(rule));
  const ruleOrder = new Map(context.rules.map((rule, i) => [rule, i]));
  const keywordRules = globalKeywords.map((keyword) => [...globalRules].filter((rule) => rule.keywords.includes(keyword)));
  /**
   * Finds the keywords of the rules that are not line-local in a text (ASCII case folded, and
   * overlapping, as the prefilter finds them), adds their indexes to `found` and marks each
   * line's flags with the one it holds (`lineAt` maps an offset to a line, or -1).
   */
  const markKeywords = (text: string, flags: Uint8Array, found: Set<number>, lineAt: (offset: number) => number): void => {
    if (globalSearch === undefined) return;
    globalSearch.lastIndex = 0;
    for (let m = globalSearch.exec(text); m !== null; m = globalSearch.exec(text)) {
      const line = lineAt(m.index);
      for (let k = 0; k < globalKeywords.length; k++) {
        const keyword = globalKeywords[k] ?? "";
        if (text.slice(m.index, m.index + keyword.length).toLowerCase() !== keyword) continue;
        found.add(k);
        if (line < 0) continue;
        const code = ((flags[line] ?? 0) >> KEYWORD_SHIFT) & SEVERAL;
        // Past 62 keywords the flags cannot name one: SEVERAL has the whole text searched again.
        const mine = Math.min(k + 1, SEVERAL);
        flags[line] = ((flags[line] ?? 0) & HOT) | ((code === 0 || code === mine ? mine : SEVERAL) << KEYWORD_SHIFT);
      }
      globalSearch.lastIndex = m.index + 1;
    }
  };
  const rulesOf = (found: ReadonlySet<number>): CompiledRule[] =>
    [...new Set([...found].flatMap((k) => keywordRules[k] ?? []))].sort((a, b) => (ruleOrder.get(a) ?? 0) - (ruleOrder.get(b) ?? 0));
  // The line-local detectors see the prefilter without the other rules: those read the whole text instead.
  let lastText: string | undefined;
  let lastHits: KeywordHits | undefined;
  const localContext: DetectContext = {
    rules: context.rules,
    prefilter: {
      scan(text) {
        if (lastHits === undefined || text !== lastText) {
          const hits = context.prefilter.scan(text);
          lastHits = { rules: hits.rules.filter((rule) => !globalRules.has(rule)), triggers: hits.triggers };
          lastText = text;
        }
        return lastHits;
      },
      candidates: (text) => context.prefilter.candidates(text),
    },
  };
  /**
   * What the regex detector finds, rule by rule in rule order as it does: line-local rules in the
   * reduced text (the lines around their keywords, as in a whole scan), `wide`
   * rules in the whole text (`undefined` marks a candidate whose offsets are already the text's).
   */
  const regexCandidates = (reduced: string, text: string, path: string, wide: readonly CompiledRule[]): { candidate: Candidate; reduced: boolean }[] => {
    const rules = reduced === "" ? [...wide] : [...localContext.prefilter.scan(reduced).rules, ...wide].sort((a, b) => (ruleOrder.get(a) ?? 0) - (ruleOrder.get(b) ?? 0));
    const out: { candidate: Candidate; reduced: boolean }[] = [];
    for (const rule of rules) {
      const isWide = globalRules.has(rule);
      const source = isWide ? text : reduced;
      for (const candidate of ruleCandidates(rule, source, path)) out.push({ candidate, reduced: !isWide });
    }
    return out;
  };

  /** Scans the whole text and, when its lines are hashed, remembers them: hot where a candidate starts, global where a keyword is. */
  const whole = (fragment: Fragment, n: number): Candidate[] => {
    const candidates = detectAll(fragment);
    stats.whole++;
    stats.linesScanned += n;
    stats.bytesScanned += fragment.text.length;
    if (n === 0) return candidates;
    const flags = lines.flags;
    flags.fill(0, 0, n);
    for (const c of candidates) flags[lines.lineOf(c.start)] = (flags[lines.lineOf(c.start)] ?? 0) | HOT;
    if (hasGlobalRule(fragment.text)) markKeywords(fragment.text, flags, new Set(), (offset) => lines.lineOf(offset));
    for (let i = 0; i < n; i++) table.setAt(lines.slot[i] ?? 0, epoch, lines.k1[i] ?? 0, lines.k2[i] ?? 0, SEEN | (flags[i] ?? 0));
    return candidates;
  };

  const detect = (fragment: Fragment): Candidate[] => {
    const text = fragment.text;
    if (++stats.blobs % 1000 === 0) {
      stats.tableResets = table.resets;
      dedupe.onProgress?.();
    }
    stats.bytes += text.length;
    if (NOTEBOOK.test(fragment.path) || others.some((d) => d.appliesTo(fragment))) {
      stats.lines += countLines(text);
      return whole(fragment, 0);
    }
    const n = lines.hash(text, fragment.path);
    if (n < 0) {
      stats.lines += countLines(text);
      return whole(fragment, 0);
    }
    stats.lines += n;
    // Core lines: new keys, and keys that had a candidate.
    const core = lines.core;
    let cores = 0;
    epoch = table.epoch;
    // Keywords of the rules that are not line-local, as remembered for the skipped lines.
    const keywords = new Set<number>();
    let several = false;
    for (let i = 0; i < n; i++) {
      const slot = table.find(lines.k1[i] ?? 0, lines.k2[i] ?? 0);
      lines.slot[i] = slot;
      const f = table.flagsAt(slot);
      const isCore = (f & SEEN) === 0 || (f & HOT) !== 0;
      const code = f >> KEYWORD_SHIFT;
      if (!isCore && code !== 0) {
        if (code === SEVERAL) several = true;
        else keywords.add(code - 1);
      }
      core[i] = isCore ? 1 : 0;
      if (isCore) cores++;
    }
    const skippedGlobal = several || keywords.size > 0;
    if (cores === 0 && !skippedGlobal) {
      stats.skipped++;
      return [];
    }
    if (cores > n * WHOLE_SHARE) return whole(fragment, n);
    const reduced = cores === 0 ? "" : lines.reduce(text, n);
    const flags = lines.flags;
    flags.fill(0, 0, n);
    // Rules that may match away from their keywords' lines read the whole text, when a keyword is anywhere in it.
    if (hasGlobalRule(reduced)) markKeywords(reduced, flags, keywords, (offset) => {
        const original = lines.toOriginal(offset, false);
        return original < 0 ? -1 : lines.lineOf(original);
      });
    if (several) markKeywords(text, new Uint8Array(0), keywords, () => -1);
    const wide = skippedGlobal || keywords.size > 0 ? rulesOf(keywords) : [];
    const view: Fragment = { text: reduced, path: fragment.path, provenance: fragment.provenance };
    const out: Candidate[] = [];
    for (const detector of local) {
      const found =
        detector.id === "regex"
          ? regexCandidates(reduced, text, fragment.path, wide)
          : cores === 0
            ? []
            : runDetector(detector, view, localContext).map((candidate) => ({ candidate, reduced: true }));
      for (const { candidate: c, reduced: isReduced } of found) {
        if (!isReduced) {
          out.push(c);
          continue;
        }
        const start = lines.toOriginal(c.start, false);
        const line = start < 0 ? -1 : lines.lineOf(start);
        if (line >= 0 && core[line] !== 1) continue; // a context line: its candidates are those of its own key
        // On an emptied line, or reaching one: the context was not the real one.
        if (line < 0 || lines.toOriginal(c.end, true) !== start + (c.end - c.start)) return whole(fragment, n);
        flags[line] = (flags[line] ?? 0) | HOT;
        out.push({ ...c, start, end: start + (c.end - c.start) });
      }
    }
    stats.partial++;
    stats.linesScanned += lines.keptLines;
    stats.bytesScanned += reduced.length;
    for (let i = 0; i < n; i++) if (core[i] === 1) table.setAt(lines.slot[i] ?? 0, epoch, lines.k1[i] ?? 0, lines.k2[i] ?? 0, SEEN | (flags[i] ?? 0));
    return out;
  };
  const dedupe: LineDedupe = { detect, stats };
  return dedupe;
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Per-thread buffers for a text's lines: starts, hashes, keys, and the reduced text's map. */
class LineBuffers {
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
