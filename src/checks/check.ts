import type { CheckResult } from "../model/check.js";
import type { Policy } from "../model/config.js";
import type { Credential } from "../model/inventory.js";
import type { Severity } from "../model/rule.js";

/** What a check may use besides the credential. */
export interface CheckContext {
  readonly policy: Policy;
  /** "Now" for age computations, injectable for tests. */
  readonly now: Date;
}

/** A lifecycle check: pure function of a credential and the policy. */
export interface LifecycleCheck {
  readonly id: string;
  readonly title: string;
  /** OWASP NHI Top 10 id exactly as OWASP writes it. */
  readonly owasp: string;
  readonly severity: Severity;
  run(credential: Credential, context: CheckContext): CheckResult;
}

/** Builds a result carrying the check's id, OWASP id and severity. */
export function result(check: LifecycleCheck, status: CheckResult["status"], message: string, severity = check.severity): CheckResult {
  return { checkId: check.id, status, severity, owasp: check.owasp, message };
}
