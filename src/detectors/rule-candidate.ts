import type { Candidate } from "../model/finding.js";
import type { CompiledRule } from "../model/rule.js";
import type { RuleMatch } from "../rules/match.js";

/** A candidate from a YAML rule's match, at `span` (default: the match's own) with extra parts. */
export function ruleCandidate(
  rule: CompiledRule,
  match: RuleMatch,
  span: { start: number; end: number } = match,
  extraParts?: Readonly<Record<string, string>>,
): Candidate {
  const { spec } = rule;
  const parts = extraParts === undefined ? match.parts : { ...match.parts, ...extraParts };
  return {
    ruleId: spec.id,
    provider: spec.provider,
    kind: spec.kind,
    severity: spec.severity,
    secret: match.secret,
    start: span.start,
    end: span.end,
    confidence: match.confidence,
    nonExpiring: spec.nonExpiring,
    ...(parts === undefined ? {} : { parts }),
  };
}
