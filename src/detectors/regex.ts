import type { Candidate } from "../model/finding.js";
import type { CompiledRule } from "../model/rule.js";
import { matchRuleIn } from "../rules/match.js";
import type { Window } from "../rules/match.js";
import type { Detector } from "./detector.js";
import { vetGenericPassword } from "./generic-password-rule.js";
import { ruleCandidate } from "./rule-candidate.js";
import { scanView } from "./notebook-view.js";

/** Runs the YAML rules whose keywords occur in the fragment. */
export const detector: Detector = {
  id: "regex",
  description: "Provider-specific formats from the YAML rules, behind a keyword prefilter",
  appliesTo: () => true,
  detect(fragment, { prefilter }) {
    const out: Candidate[] = [];
    const text = scanView(fragment);
    const hits = prefilter.scan(text);
    for (const rule of hits.rules) out.push(...ruleCandidates(rule, text, fragment.path, hits.windowsOf(rule)));
    return out;
  },
};

/**
 * One rule's candidates in a text, vetted: the regex detector and history line dedupe both call
 * this, so that they cannot disagree. Line-local rules read the lines around their keywords
 * (`windows`, from the keyword pass), in every text: a match far from its keyword counts nowhere,
 * which the dedupe relies on.
 */
export function ruleCandidates(rule: CompiledRule, text: string, path: string, windows: readonly Window[] | undefined): Candidate[] {
  const out: Candidate[] = [];
  for (const match of matchRuleIn(rule, text, windows)) {
    const candidate = vetGenericPassword(ruleCandidate(rule, match), path);
    if (candidate !== undefined) out.push(candidate);
  }
  return out;
}
