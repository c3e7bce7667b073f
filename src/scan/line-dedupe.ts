import { writeFileSync } from "node:fs";
import { threadId } from "node:worker_threads";
import type { Candidate } from "../model/finding.js";
import type { Fragment } from "../model/fragment.js";
import type { CompiledRule } from "../model/rule.js";
import { DETECTORS, runDetector } from "../detectors/index.js";
import type { DetectContext, Detector } from "../detectors/index.js";
import { ruleCandidates } from "../detectors/regex.js";
import type { KeywordHits } from "../detectors/keyword-prefilter.js";
import { isLineLocal } from "../rules/match.js";
import { LineKeyTable } from "../util/line-key-table.js";
import { LineBuffers } from "./line-buffers.js";

/**
 * Line-level dedupe for git history: successive versions of a file share most of their lines, so
 * a line already scanned with the same neighbours at the same path is not scanned again.
 *
 * A line's key is a hash of its path and of the lines `CONTEXT_LINES` (line-buffers.ts) either side of it (a
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

/**
 * Detectors whose candidates starting on a line depend only on the lines around it.
 * `password-literal` reads a name, an operator and a one-line literal a few characters apart;
 * `structured-text` a pair on one line and a user name at most CONTEXT_LINES away.
 */
const LINE_LOCAL: ReadonlySet<string> = new Set(["regex", "encoded", "generic-assignment", "jwt", "uri-credentials", "password-literal", "structured-text"]);

const SEEN = 1;
const HOT = 2;
/**
 * Bits 2-7: which keyword of a rule that is not line-local the line holds: 0 none, 1 + its index,
 * or SEVERAL (then the whole text is searched for them again).
 */
const KEYWORD_SHIFT = 2;
const SEVERAL = 63;
const NOTEBOOK = /\.ipynb$/i;
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
  const globalRules = new Set<CompiledRule>(context.rules.filter((rule) => !isLineLocal(rule)));
  const globalKeywords = [...new Set([...globalRules].flatMap((rule) => rule.keywords))];
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
   * Takes the keywords of the rules that are not line-local from a text's keyword pass (ASCII
   * case folded, overlapping), adds their indexes to `found` and marks each line's flags with
   * the one it holds (`lineAt` maps an offset to a line, or -1).
   */
  const markKeywords = (text: string, flags: Uint8Array, found: Set<number>, lineAt: (offset: number) => number): void => {
    const hits = context.prefilter.scan(text);
    for (let k = 0; k < globalKeywords.length; k++) {
      const keyword = globalKeywords[k] ?? "";
      for (const at of hits.positionsOf(keyword)) {
        found.add(k);
        const line = lineAt(at);
        if (line < 0) continue;
        const code = ((flags[line] ?? 0) >> KEYWORD_SHIFT) & SEVERAL;
        // Past 62 keywords the flags cannot name one: SEVERAL has the whole text searched again.
        const mine = Math.min(k + 1, SEVERAL);
        flags[line] = ((flags[line] ?? 0) & HOT) | ((code === 0 || code === mine ? mine : SEVERAL) << KEYWORD_SHIFT);
      }
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
          lastHits = { ...hits, rules: hits.rules.filter((rule) => !globalRules.has(rule)) };
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
  const regexCandidates = (reduced: string, fragment: Fragment, wide: readonly CompiledRule[]): { candidate: Candidate; reduced: boolean }[] => {
    const hits = reduced === "" ? undefined : localContext.prefilter.scan(reduced);
    const rules = hits === undefined ? [...wide] : [...hits.rules, ...wide].sort((a, b) => (ruleOrder.get(a) ?? 0) - (ruleOrder.get(b) ?? 0));
    const out: { candidate: Candidate; reduced: boolean }[] = [];
    for (const rule of rules) {
      const isWide = globalRules.has(rule);
      const source = isWide ? fragment.text : reduced;
      for (const candidate of ruleCandidates(rule, source, fragment.path, isWide ? undefined : hits?.windowsOf(rule)))
        out.push({ candidate, reduced: !isWide });
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
    // Lines hashed from bytes: their offsets in the text, now that it is decoded.
    if (fragment.raw !== undefined) lines.textLines(fragment.text);
    const flags = lines.flags;
    flags.fill(0, 0, n);
    for (const c of candidates) flags[lines.lineOf(c.start)] = (flags[lines.lineOf(c.start)] ?? 0) | HOT;
    if (hasGlobalRule(fragment.text)) markKeywords(fragment.text, flags, new Set(), (offset) => lines.lineOf(offset));
    for (let i = 0; i < n; i++) table.setAt(lines.slot[i] ?? 0, epoch, lines.k1[i] ?? 0, lines.k2[i] ?? 0, SEEN | (flags[i] ?? 0));
    return candidates;
  };

  const detect = (fragment: Fragment): Candidate[] => {
    if (++stats.blobs % 1000 === 0) {
      stats.tableResets = table.resets;
      dedupe.onProgress?.();
    }
    stats.bytes += fragment.raw?.bytes.length ?? fragment.text.length;
    if (NOTEBOOK.test(fragment.path) || others.some((d) => d.appliesTo(fragment))) {
      stats.lines += countLines(fragment.text);
      return whole(fragment, 0);
    }
    const raw = fragment.raw;
    const n = raw === undefined ? lines.hash(fragment.text, fragment.path) : lines.hashBytes(raw.bytes, fragment.path, raw.encoding);
    if (n < 0) {
      stats.lines += countLines(fragment.text);
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
    const reduced = cores === 0 ? "" : lines.reduce(raw ?? fragment.text, n);
    const flags = lines.flags;
    flags.fill(0, 0, n);
    // Rules that may match away from their keywords' lines read the whole text, when a keyword is anywhere in it.
    if (hasGlobalRule(reduced)) markKeywords(reduced, flags, keywords, (offset) => lines.keptLineOf(offset, false));
    if (several) markKeywords(fragment.text, new Uint8Array(0), keywords, () => -1);
    const wide = skippedGlobal || keywords.size > 0 ? rulesOf(keywords) : [];
    const view: Fragment = { text: reduced, path: fragment.path, provenance: fragment.provenance };
    const out: Candidate[] = [];
    let textLinesKnown = false;
    for (const detector of local) {
      const found =
        detector.id === "regex"
          ? regexCandidates(reduced, fragment, wide)
          : cores === 0
            ? []
            : runDetector(detector, view, localContext).map((candidate) => ({ candidate, reduced: true }));
      for (const { candidate: c, reduced: isReduced } of found) {
        if (!isReduced) {
          out.push(c);
          continue;
        }
        // Offsets in the text need its line starts: decoded only for a blob with a candidate.
        if (raw !== undefined && !textLinesKnown) {
          lines.textLines(fragment.text);
          textLinesKnown = true;
        }
        const start = lines.toOriginal(c.start, false);
        const line = start < 0 ? -1 : lines.keptLineOf(c.start, false);
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
