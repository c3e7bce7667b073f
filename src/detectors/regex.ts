import type { Candidate } from "../model/finding.js";
import { matchRule } from "../rules/match.js";
import type { Detector } from "./detector.js";
import { scanView } from "./notebook-view.js";

/** Runs the YAML rules whose keywords occur in the fragment. */
export const detector: Detector = {
  id: "regex",
  description: "Provider-specific formats from the YAML rules, behind a keyword prefilter",
  appliesTo: () => true,
  detect(fragment, { prefilter }) {
    const out: Candidate[] = [];
    const text = scanView(fragment);
    for (const rule of prefilter.candidates(text)) {
      const { spec } = rule;
      for (const match of matchRule(rule, text)) {
        out.push({
          ruleId: spec.id,
          provider: spec.provider,
          kind: spec.kind,
          severity: spec.severity,
          secret: match.secret,
          start: match.start,
          end: match.end,
          confidence: match.confidence,
          nonExpiring: spec.nonExpiring,
          ...(match.parts === undefined ? {} : { parts: match.parts }),
        });
      }
    }
    return out;
  },
};
