import type { CompiledRule } from "../model/rule.js";
import { keywordOccursIn, parseKeyword } from "./keywords.js";
import { matchRule } from "./match.js";
import type { RuleMatch } from "./match.js";
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
 * Why the scan's value model would drop a match (a placeholder, a public sample), or undefined.
 * The rules stage cannot reach the scan stage, so the caller passes it in.
 */
export type ValueDropReason = (rule: CompiledRule, match: RuleMatch) => string | undefined;

/**
 * Checks what the schema cannot: every example matches exactly once and captures the marked
 * secret, no negative example matches, keywords are sharp and occur in every example, and the pattern is
 * free of backtracking hazards. A catalogue rule is judged as the scan would report it: its
 * examples must survive the value model, and a counter-example may match only where the value
 * model drops it (a placeholder of the right shape).
 */
export function checkRule(rule: CompiledRule, dropReason?: ValueDropReason): RuleProblem[] {
  const problems: string[] = [];
  const catalogue = rule.spec.catalogue === true;
  const negatives = catalogue ? "counterExamples" : "negativeExamples";
  const risk = findBacktrackingRisk(rule.spec.pattern);
  if (risk !== undefined) problems.push(`pattern: expected a linear-time regex, found ${risk}`);
  if (rule.keywords.length === 0) problems.push("keywords: expected at least one keyword so the prefilter can skip this rule");
  for (const keyword of rule.spec.keywords) {
    const weak = weakKeyword(keyword.toLowerCase());
    if (weak !== undefined) problems.push(`keywords: \`${keyword}\` is too weak: ${weak}`);
  }
  rule.spec.examples.forEach((example, i) => {
    const matches = matchRule(rule, example.input);
    const found = matches[0];
    if (matches.length !== 1 || found === undefined) {
      problems.push(`examples[${i}]: expected exactly one match, found ${matches.length}`);
    } else if (example.secret !== undefined && found.secret !== example.secret) {
      problems.push(`examples[${i}]: expected the secret group to capture the marked secret, it captured something else`);
    } else if (catalogue && dropReason !== undefined) {
      const reason = dropReason(rule, found);
      if (reason !== undefined) problems.push(`examples[${i}]: expected a value the scan reports, the value model drops it (${reason})`);
    }
    if (rule.keywords.length > 0 && !rule.keywords.some((k) => keywordOccursIn(k, example.input))) {
      problems.push(`examples[${i}]: expected one of the keywords to occur in the example, or the prefilter would skip it`);
    }
  });
  rule.spec.negativeExamples.forEach((negative, i) => {
    const reported = matchRule(rule, negative).filter((m) => !catalogue || dropReason?.(rule, m) === undefined);
    if (reported.length > 0) problems.push(`${negatives}[${i}]: expected no match, found ${reported.length}`);
  });
  return problems.map((message) => ({ source: rule.source, ruleId: rule.spec.id, message }));
}

/**
 * Self-checks a set of rules; a catalogue entry must also name a provider that no other rule
 * file covers, so that the catalogue's count of providers is a count of new ones.
 */
export function checkRules(rules: readonly CompiledRule[], dropReason?: ValueDropReason): RuleProblem[] {
  const fromRuleFiles = new Set(rules.filter((r) => r.spec.catalogue !== true).map((r) => r.spec.provider));
  const overlap = rules
    .filter((r) => r.spec.catalogue === true && fromRuleFiles.has(r.spec.provider))
    .map((r) => ({
      source: r.source,
      ruleId: r.spec.id,
      message: `provider: expected a provider not already covered by a rule file, \`${r.spec.provider}\` is`,
    }));
  return [...rules.flatMap((rule) => checkRule(rule, dropReason)), ...overlap];
}
