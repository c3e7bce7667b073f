import type { CompiledRule } from "../model/rule.js";
import { keywordOccursIn, parseKeyword } from "./keywords.js";
import { matchRule } from "./match.js";
import { findBacktrackingRisk } from "./regex-safety.js";

/** One problem found by the rule self-check, naming the file, rule and key. */
export interface RuleProblem {
  readonly source: string;
  readonly ruleId: string;
  readonly message: string;
}

/**
 * Why a keyword is too weak to gate a rule, or undefined. Every file holding a keyword is read
 * by the rule, so a short one (`sk`, `pat`, `st.`) or one that is not ASCII lets most text
 * through: a keyword has 4 characters or more, or 3 that carry their context: anchored at a
 * word start (`\bdd_`, as `\b` in the pattern) or with two non-letters (`$1$`, `00d`).
 */
export function weakKeyword(keyword: string): string | undefined {
  const { literal, wordStart } = parseKeyword(keyword);
  if (!/^[\x20-\x7e\t]+$/.test(literal)) return "expected printable ASCII: the keyword pass folds ASCII case only";
  if (literal.length >= 4) return undefined;
  const nonLetters = literal.replace(/[a-z]/g, "").length;
  if (literal.length === 3 && (wordStart || nonLetters >= 2)) return undefined;
  return "expected at least 4 characters, or 3 that carry their context (`\\b` word start, or two non-letters): add the token's prefix or next characters";
}

/**
 * Checks what the schema cannot: every example matches exactly once and captures the marked
 * secret, no negative example matches, keywords are sharp and occur in every example, and the
 * pattern is free of backtracking hazards.
 */
export function checkRule(rule: CompiledRule): RuleProblem[] {
  const problems: string[] = [];
  const risk = findBacktrackingRisk(rule.spec.pattern);
  if (risk !== undefined) problems.push(`pattern: expected a linear-time regex, found ${risk}`);
  if (rule.keywords.length === 0) problems.push("keywords: expected at least one keyword so the prefilter can skip this rule");
  for (const keyword of rule.spec.keywords) {
    const weak = weakKeyword(keyword.toLowerCase());
    if (weak !== undefined) problems.push(`keywords: \`${keyword}\` is too weak: ${weak}`);
  }
  rule.spec.examples.forEach((example, i) => {
    const matches = matchRule(rule, example.input);
    if (matches.length !== 1) {
      problems.push(`examples[${i}]: expected exactly one match, found ${matches.length}`);
    } else if (example.secret !== undefined && matches[0]?.secret !== example.secret) {
      problems.push(`examples[${i}]: expected the secret group to capture the marked secret, it captured something else`);
    }
    if (rule.keywords.length > 0 && !rule.keywords.some((k) => keywordOccursIn(k, example.input))) {
      problems.push(`examples[${i}]: expected one of the keywords to occur in the example, or the prefilter would skip it`);
    }
  });
  rule.spec.negativeExamples.forEach((negative, i) => {
    const count = matchRule(rule, negative).length;
    if (count > 0) problems.push(`negativeExamples[${i}]: expected no match, found ${count}`);
  });
  return problems.map((message) => ({ source: rule.source, ruleId: rule.spec.id, message }));
}

/** Self-checks a set of rules. */
export function checkRules(rules: readonly CompiledRule[]): RuleProblem[] {
  return rules.flatMap(checkRule);
}
