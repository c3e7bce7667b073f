import type { Severity } from "./rule.js";

export const GRADES = ["A", "B", "C", "D", "F"] as const;
/** Lifecycle grade of a credential: A is best. */
export type Grade = (typeof GRADES)[number];

/** Outcome of one lifecycle check on one credential. */
export interface CheckResult {
  /** Check id, kebab-case, e.g. `plaintext-secret`. */
  readonly checkId: string;
  readonly status: "pass" | "fail" | "not-applicable";
  readonly severity: Severity;
  /** OWASP NHI Top 10 id exactly as OWASP writes it, e.g. `NHI2:2025`. */
  readonly owasp: string;
  /** What the scan can prove, in words. */
  readonly message: string;
}
