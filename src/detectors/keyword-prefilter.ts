import type { CompiledRule } from "../model/rule.js";
import { buildAutomaton } from "./aho-corasick.js";

/**
 * Finds, in one pass over a text, which rules have a keyword present, so that only those
 * rules' regexes run. Keywords are literals matched case-insensitively.
 */
export interface KeywordPrefilter {
  /** Rules whose keywords occur in the text, plus rules without keywords. */
  candidates(text: string): CompiledRule[];
}

/** Builds the prefilter for a rule set. */
export function buildPrefilter(rules: readonly CompiledRule[]): KeywordPrefilter {
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
  const keywords = [...byKeyword.keys()];
  const automaton = buildAutomaton(keywords);
  const order = new Map(rules.map((rule, i) => [rule, i]));
  return {
    candidates(text) {
      const hit = new Set<CompiledRule>(always);
      for (const index of automaton.find(text)) for (const rule of byKeyword.get(keywords[index] ?? "") ?? []) hit.add(rule);
      return [...hit].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    },
  };
}
