import type { EngineName, MatchEngine } from "../model/engine.js";
import type { CompiledRule } from "../model/rule.js";
import { createEngine, engineSpec } from "../engine/engine.js";
import { isWordChar, parseKeyword } from "../rules/keywords.js";
import { isLineLocal, ruleWindows } from "../rules/match.js";
import type { Window } from "../rules/match.js";

/** What one keyword pass over a text found: the rules worth running, where, and the detector triggers present. */
export interface KeywordHits {
  /** Rules whose keywords occur in the text, plus rules without keywords, in rule order. */
  readonly rules: CompiledRule[];
  /** Detector trigger words (lower case) that occur in the text. */
  readonly triggers: ReadonlySet<string>;
  /**
   * Where a rule of `rules` is verified: a line-local rule's windows (the lines around its
   * keywords, merged), or undefined for the whole text.
   */
  windowsOf(rule: CompiledRule): readonly Window[] | undefined;
  /** Start offsets of a rule keyword's occurrences (lower case, `\b` for word starts), ascending; empty when absent. */
  positionsOf(keyword: string): readonly number[];
}

/**
 * Finds, in one pass over a text (the match engine's), where each keyword occurs; from that,
 * which rules run and where, and which detector triggers occur, so that only those detectors run.
 * Keywords and triggers are literals matched case-insensitively (ASCII).
 */
export interface KeywordPrefilter {
  /** The hits of a whole fragment; the last result is kept, as several detectors ask for it. */
  scan(text: string): KeywordHits;
  /** The rules for a small text (a decoded value, a window): not kept. */
  candidates(text: string): CompiledRule[];
}

const NO_POSITIONS: readonly number[] = [];

/** Builds the prefilter for a rule set and the detectors' trigger words, on the named engine (default: `NHISCAN_ENGINE`). */
export function buildPrefilter(rules: readonly CompiledRule[], triggerWords: readonly string[] = [], engineName?: EngineName): KeywordPrefilter {
  const spec = engineSpec(rules, triggerWords);
  const engine: MatchEngine = createEngine(spec, engineName);
  const { keywords } = spec;
  const keywordIndex = new Map(keywords.map((keyword, i) => [keyword, i]));
  // Each rule's keywords as engine keyword indices, with whether an occurrence must start a word.
  const ruleKeywords = rules.map((rule) =>
    [...new Set(rule.keywords)].map((keyword) => {
      const { literal, wordStart } = parseKeyword(keyword);
      return { k: keywordIndex.get(literal) ?? -1, wordStart };
    }),
  );
  // Rules by keyword index, in rule order: those taking any occurrence, and those taking word starts only.
  const anywhere: number[][] = keywords.map(() => []);
  const atWordStart: number[][] = keywords.map(() => []);
  const always: number[] = [];
  ruleKeywords.forEach((list, r) => {
    if (list.length === 0) always.push(r);
    for (const { k, wordStart } of list) (wordStart ? atWordStart : anywhere)[k]?.push(r);
  });
  const ruleIndex = new Map(rules.map((rule, r) => [rule, r]));
  const triggerIndices = [...new Set(triggerWords.map((t) => t.toLowerCase()))].map((t) => keywordIndex.get(t) ?? -1);
  const ruleMark = new Uint8Array(rules.length);

  const hitsOf = (text: string): KeywordHits => {
    const result = engine.scan(text);
    const occurrences = result.keywords;
    // Each keyword's occurrences by their last character: ascending, and on the keyword's line.
    const positions = new Map<number, number[]>();
    for (let i = 0; i < occurrences.count; i++) {
      const k = occurrences.id[i] ?? 0;
      const at = (occurrences.end[i] ?? 0) - 1;
      const list = positions.get(k);
      if (list === undefined) positions.set(k, [at]);
      else list.push(at);
    }
    const wordStarts = new Map<number, number[]>();
    const positionsAt = (k: number, wordStart: boolean): readonly number[] => {
      const all = positions.get(k);
      if (all === undefined) return NO_POSITIONS;
      if (!wordStart) return all;
      let list = wordStarts.get(k);
      if (list === undefined) {
        const back = (keywords[k] ?? "").length;
        list = all.filter((at) => at < back || !isWordChar(text.charCodeAt(at - back)));
        wordStarts.set(k, list);
      }
      return list;
    };
    // A native engine's prefilter hits: a prefiltered rule runs only in windows holding one.
    let hitEnds: Map<number, number[]> | undefined;
    if (result.rules !== undefined) {
      hitEnds = new Map();
      for (let i = 0; i < result.rules.count; i++) {
        const r = result.rules.id[i] ?? 0;
        const list = hitEnds.get(r);
        if (list === undefined) hitEnds.set(r, [result.rules.end[i] ?? 0]);
        else list.push(result.rules.end[i] ?? 0);
      }
    }
    const hit: number[] = [...always];
    for (const r of always) ruleMark[r] = 1;
    const take = (r: number) => {
      if (ruleMark[r] === 1 || (engine.prefiltered.has(r) && hitEnds?.has(r) !== true)) return;
      ruleMark[r] = 1;
      hit.push(r);
    };
    for (const k of positions.keys()) {
      for (const r of anywhere[k] ?? []) take(r);
      const starting = atWordStart[k] ?? [];
      if (starting.length > 0 && positionsAt(k, true).length > 0) for (const r of starting) take(r);
    }
    for (const r of hit) ruleMark[r] = 0;
    hit.sort((a, b) => a - b);
    const triggers = new Set<string>();
    for (const k of triggerIndices) if (positions.has(k)) triggers.add(keywords[k] ?? "");
    const windows = new Map<number, readonly Window[]>();
    return {
      rules: hit.map((r) => rules[r] as CompiledRule),
      triggers,
      windowsOf(rule) {
        const r = ruleIndex.get(rule);
        if (r === undefined || !isLineLocal(rule)) return undefined;
        const known = windows.get(r);
        if (known !== undefined) return known;
        const list = ruleKeywords[r] ?? [];
        const lists = list.flatMap(({ k, wordStart }) => positionsAt(k, wordStart));
        let found: readonly Window[] = ruleWindows(text, list.length > 1 ? lists.sort((a, b) => a - b) : lists);
        const ends = hitEnds?.get(r);
        if (engine.prefiltered.has(r)) found = found.filter(({ from, to }) => ends?.some((e) => e > from && e <= to) === true);
        windows.set(r, found);
        return found;
      },
      positionsOf(keyword) {
        const { literal, wordStart } = parseKeyword(keyword);
        const k = keywordIndex.get(literal);
        return k === undefined ? NO_POSITIONS : positionsAt(k, wordStart).map((at) => at + 1 - literal.length);
      },
    };
  };
  let lastText: string | undefined;
  let lastHits: KeywordHits | undefined;
  return {
    scan(text) {
      if (lastHits === undefined || text !== lastText) {
        lastHits = hitsOf(text);
        lastText = text;
      }
      return lastHits;
    },
    candidates: (text) => hitsOf(text).rules,
  };
}
