import type { Candidate } from "../model/finding.js";
import { matchRule } from "../rules/match.js";
import type { Detector } from "./detector.js";
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
      for (const match of matchRule(rule, text)) out.push(ruleCandidate(rule, match));
    }
    return out;
  },
};
