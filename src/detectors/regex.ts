import type { Candidate } from "../model/finding.js";
import { matchRuleNearKeywords } from "../rules/match.js";
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
    for (const rule of prefilter.scan(text).rules) {
      // Line-local rules read the lines around their keywords, in every text: a match that far
      // from its keyword counts nowhere, and history line dedupe can rely on it (src/scan/line-dedupe.ts).
      const matches = matchRuleNearKeywords(rule, text);
      for (const match of matches) {
        const candidate = vetGenericPassword(ruleCandidate(rule, match), fragment.path);
        if (candidate !== undefined) out.push(candidate);
      }
    }
    return out;
  },
};
