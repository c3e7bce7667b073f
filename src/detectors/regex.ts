import type { Candidate } from "../model/finding.js";
import { matchRule, matchRuleNearKeywords } from "../rules/match.js";
import type { Detector } from "./detector.js";
import { vetGenericPassword } from "./generic-password-rule.js";
import { ruleCandidate } from "./rule-candidate.js";
import { scanView } from "./notebook-view.js";

// Below this length a rule's regex reads the whole text; above, only the lines around its keywords.
export const WINDOWED_FROM = 8192;

/** Runs the YAML rules whose keywords occur in the fragment. */
export const detector: Detector = {
  id: "regex",
  description: "Provider-specific formats from the YAML rules, behind a keyword prefilter",
  appliesTo: () => true,
  detect(fragment, { prefilter }) {
    const out: Candidate[] = [];
    const text = scanView(fragment);
    for (const rule of prefilter.scan(text).rules) {
      const matches = text.length >= WINDOWED_FROM ? matchRuleNearKeywords(rule, text) : matchRule(rule, text);
      for (const match of matches) {
        const candidate = vetGenericPassword(ruleCandidate(rule, match), fragment.path);
        if (candidate !== undefined) out.push(candidate);
      }
    }
    return out;
  },
};
