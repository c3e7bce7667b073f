import type { Candidate } from "../model/finding.js";
import { CONFIDENCES } from "../model/rule.js";
import { CONTEXT_CONFIDENCE, pathContextOf } from "../paths/classify.js";
import { isWeakWord, passwordValueReason } from "./password-value.js";
import { nonSecretReason } from "./secret-value.js";

/**
 * YAML rules of `provider: generic` capture a value by its context alone (`sshpass -p …`,
 * `Password=…;`, `jwt.secret=…`), so their values are vetted like every generic value: a password
 * like any literal password, with its confidence capped by the file's context (config high, source
 * medium, tests and docs low; a bare word low); other kinds must not be code, paths or prose.
 * Provider and password-hash rules' candidates pass unchanged; undefined drops the candidate.
 */
export function vetGenericPassword(candidate: Candidate, path: string): Candidate | undefined {
  // Hash rules are shape-exact ($6$salt$…, {SSHA}…): their values are never code or prose.
  if (candidate.provider !== "generic" || candidate.kind === "password-hash") return candidate;
  if (candidate.kind !== "password") return nonSecretReason(candidate.secret) === undefined ? candidate : undefined;
  const context = pathContextOf(path);
  if (passwordValueReason(candidate.secret, "", context === "config" || context === "credential") !== undefined) return undefined;
  const cap = isWeakWord(candidate.secret) ? "low" : CONTEXT_CONFIDENCE[context];
  return CONFIDENCES.indexOf(cap) < CONFIDENCES.indexOf(candidate.confidence) ? { ...candidate, confidence: cap } : candidate;
}
