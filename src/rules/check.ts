import type { CompiledRule } from "../model/rule.js";
import { matchRule } from "./match.js";
import { findBacktrackingRisk } from "./regex-safety.js";

/** One problem found by the rule self-check, naming the file, rule and key. */
export interface RuleProblem {
  readonly source: string;
  readonly ruleId: string;
  readonly message: string;
}

/**
 * Checks what the schema cannot: every example matches exactly once and captures the marked
 * secret, no negative example matches, keywords occur in every example, and the pattern is
 * free of backtracking hazards.
 */
export function checkRule(rule: CompiledRule): RuleProblem[] {
  const problems: string[] = [];
  const risk = findBacktrackingRisk(rule.spec.pattern);
  if (risk !== undefined) problems.push(`pattern: expected a linear-time regex, found ${risk}`);
  if (rule.keywords.length === 0) problems.push("keywords: expected at least one keyword so the prefilter can skip this rule");
  rule.spec.examples.forEach((example, i) => {
    const matches = matchRule(rule, example.input);
    if (matches.length !== 1) {
      problems.push(`examples[${i}]: expected exactly one match, found ${matches.length}`);
    } else if (example.secret !== undefined && matches[0]?.secret !== example.secret) {
      problems.push(`examples[${i}]: expected the secret group to capture the marked secret, it captured something else`);
    }
    const lower = example.input.toLowerCase();
    if (rule.keywords.length > 0 && !rule.keywords.some((k) => lower.includes(k))) {
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
