import type { Candidate } from "../model/finding.js";
import { matchRule } from "../rules/match.js";
import type { DetectContext, Detector } from "./detector.js";
import { binaryToText, spanOf, urlEncoded } from "./encoded-regions.js";
import type { Encoded } from "./encoded-regions.js";
import { ruleCandidate } from "./rule-candidate.js";
import { providerRuleCovers } from "./rule-overlap.js";

function innerSecrets(text: string, found: Encoded, context: DetectContext): Candidate[] {
  const out: Candidate[] = [];
  for (const rule of context.prefilter.candidates(found.decoded)) {
    for (const match of matchRule(rule, found.decoded)) {
      const span = spanOf(found, match.start, match.end);
      // A rule that reads the encoded form as written (an Azure SAS `sig=…%2B…`) names it better.
      if (found.encoding === "url" && providerRuleCovers(context, text, span.start, span.end)) continue;
      out.push(ruleCandidate(rule, match, span, { encoding: found.encoding }));
    }
  }
  return out;
}

/** One level of base64, hex or percent-encoding around a provider-format secret: decoded, then run through the rules. */
export const detector: Detector = {
  id: "encoded",
  description: "Provider-format secrets inside one level of base64, hex or URL encoding",
  appliesTo: () => true,
  detect(fragment, context) {
    const out: Candidate[] = [];
    for (const found of [...binaryToText(fragment.text), ...urlEncoded(fragment.text)]) out.push(...innerSecrets(fragment.text, found, context));
    return out;
  },
};
