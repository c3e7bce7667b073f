import type { Candidate } from "../model/finding.js";
import { CONFIDENCES } from "../model/rule.js";
import { CONTEXT_CONFIDENCE, pathContextOf } from "./path-context.js";
import { passwordValueReason } from "./password-value.js";
import { isHighEntropy } from "./secret-value.js";

/**
 * A YAML rule of `provider: generic, kind: password` (`sshpass -p …`, `Password=…;`) captures any
 * password, so its value is vetted like every literal password and its confidence is the rule's
 * capped by the file's context (config high, source medium, tests and docs low). Other rules'
 * candidates pass unchanged; undefined drops the candidate.
 */
export function vetGenericPassword(candidate: Candidate, path: string): Candidate | undefined {
  if (candidate.provider !== "generic" || candidate.kind !== "password") return candidate;
  if (!isHighEntropy(candidate.secret, 16) && passwordValueReason(candidate.secret, "") !== undefined) return undefined;
  const context = CONTEXT_CONFIDENCE[pathContextOf(path)];
  return CONFIDENCES.indexOf(context) < CONFIDENCES.indexOf(candidate.confidence) ? { ...candidate, confidence: context } : candidate;
}
