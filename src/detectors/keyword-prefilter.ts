import type { CompiledRule } from "../model/rule.js";
import { buildAutomaton } from "./aho-corasick.js";
import { buildWasmFinder } from "./wasm-prefilter.js";

/** Which keyword search runs: `js` (the automaton) or `wasm` (the JS automaton where it cannot load). */
export type PrefilterEngine = "wasm" | "js";

/**
 * Texts shorter than this stay on the automaton: each WebAssembly call resets an 8 KiB table
 * (per text, builtin rules: 512 chars 1.5 us either way, 1 KiB js 5.3 / wasm 4.4 us).
 */
const WASM_MIN_LENGTH = 1024;

/**
 * The engine asked for by `NHISCAN_PREFILTER`; default `js`. The WebAssembly engine gives the
 * same answers but was not faster end to end (issue 13: equal within the machine's noise, two
 * of three medians on the bench tree slower), so it is opt-in: `NHISCAN_PREFILTER=wasm`.
 */
export function prefilterEngine(): PrefilterEngine {
  return process.env["NHISCAN_PREFILTER"] === "wasm" ? "wasm" : "js";
}

/** What one pass over a text found: the rules worth running, and the detector triggers present. */
export interface KeywordHits {
  /** Rules whose keywords occur in the text, plus rules without keywords, in rule order. */
  readonly rules: CompiledRule[];
  /** Detector trigger words (lower case) that occur in the text. */
  readonly triggers: ReadonlySet<string>;
}

/**
 * Finds, in one pass over a text, which rules have a keyword present, so that only those
 * rules' regexes run, and which detector triggers occur, so that only those detectors run.
 * Keywords and triggers are literals matched case-insensitively.
 */
export interface KeywordPrefilter {
  /** The hits of a whole fragment; the last result is kept, as several detectors ask for it. */
  scan(text: string): KeywordHits;
  /** The rules for a small text (a decoded value, a window): not kept. */
  candidates(text: string): CompiledRule[];
}

/** Builds the prefilter for a rule set and the detectors' trigger words. */
export function buildPrefilter(
  rules: readonly CompiledRule[],
  triggerWords: readonly string[] = [],
  engine: PrefilterEngine = prefilterEngine(),
): KeywordPrefilter {
  const byKeyword = new Map<string, CompiledRule[]>();
  const always: CompiledRule[] = [];
  for (const rule of rules) {
    if (rule.keywords.length === 0) always.push(rule);
    for (const keyword of new Set(rule.keywords)) {
      const list = byKeyword.get(keyword) ?? [];
      list.push(rule);
      byKeyword.set(keyword, list);
    }
  }
  const triggers = [...new Set(triggerWords.map((t) => t.toLowerCase()))];
  for (const trigger of triggers) if (!byKeyword.has(trigger)) byKeyword.set(trigger, []);
  const keywords = [...byKeyword.keys()];
  const automaton = buildAutomaton(keywords);
  const wasm = engine === "wasm" ? buildWasmFinder(keywords) : null;
  const find = (text: string): Iterable<number> =>
    (wasm !== null && text.length >= WASM_MIN_LENGTH ? wasm.find(text) : null) ?? [...automaton.find(text)].sort((a, b) => a - b);
  const order = new Map(rules.map((rule, i) => [rule, i]));
  const isTrigger = new Set(triggers);
  const hitsOf = (text: string): KeywordHits => {
    const hit = new Set<CompiledRule>(always);
    const found = new Set<string>();
    for (const index of find(text)) {
      const keyword = keywords[index] ?? "";
      if (isTrigger.has(keyword)) found.add(keyword);
      for (const rule of byKeyword.get(keyword) ?? []) hit.add(rule);
    }
    return { rules: [...hit].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)), triggers: found };
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
