import type { CompiledRule, Confidence } from "../model/rule.js";
import { shannonEntropy } from "../util/text.js";
import { runValidator } from "./validators.js";

/** One accepted match of a rule in a text. */
export interface RuleMatch {
  readonly secret: string;
  readonly start: number;
  readonly end: number;
  readonly confidence: Confidence;
  readonly parts?: Readonly<Record<string, string>>;
}

/**
 * All matches of one rule in a text, after its entropy floor and validator.
 * A failed validator drops the match: a wrong checksum means it is not this format.
 */
export function matchRule(rule: CompiledRule, text: string): RuleMatch[] {
  const out: RuleMatch[] = [];
  const regex = rule.regex;
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const span = typeof rule.secretGroup === "number" ? m.indices?.[rule.secretGroup] : m.indices?.groups?.[rule.secretGroup];
    if (span === undefined) continue;
    const secret = text.slice(span[0], span[1]);
    if (rule.spec.entropy !== undefined && shannonEntropy(secret) < rule.spec.entropy) continue;
    let confidence = rule.spec.confidence;
    let parts: Readonly<Record<string, string>> | undefined;
    if (rule.spec.validator !== undefined) {
      const result = runValidator(rule.spec.validator, secret);
      if (result.status === "invalid") continue;
      if (result.status === "valid") {
        confidence = "high";
        parts = result.parts;
      }
    }
    out.push({ secret, start: span[0], end: span[1], confidence, ...(parts === undefined ? {} : { parts }) });
  }
  return out;
}
