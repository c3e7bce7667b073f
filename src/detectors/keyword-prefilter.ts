import type { CompiledRule } from "../model/rule.js";

/**
 * Finds, in one pass over a text, which rules have a keyword present, so that only those
 * rules' regexes run. Keywords are literals matched case-insensitively.
 */
export interface KeywordPrefilter {
  /** Rules whose keywords occur in the text, plus rules without keywords. */
  candidates(text: string): CompiledRule[];
}

function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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
  // Longest first at each offset; shorter keywords inside a longer one are implied by it.
  const keywords = [...byKeyword.keys()].sort((a, b) => b.length - a.length);
  const implied = new Map(keywords.map((k) => [k, keywords.filter((other) => k.includes(other))]));
  const scanner = keywords.length === 0 ? undefined : new RegExp(keywords.map(escapeRegex).join("|"), "gi");
  const order = new Map(rules.map((rule, i) => [rule, i]));
  return {
    candidates(text) {
      if (scanner === undefined) return always;
      const seen = new Set<string>();
      scanner.lastIndex = 0;
      for (let m = scanner.exec(text); m !== null; m = scanner.exec(text)) {
        // Resume one character on, so keywords that start inside this match are found too.
        scanner.lastIndex = m.index + 1;
        const keyword = m[0].toLowerCase();
        if (seen.has(keyword)) continue;
        for (const k of implied.get(keyword) ?? [keyword]) seen.add(k);
        if (seen.size === keywords.length) break;
      }
      const hit = new Set<CompiledRule>(always);
      for (const keyword of seen) for (const rule of byKeyword.get(keyword) ?? []) hit.add(rule);
      return [...hit].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    },
  };
}
