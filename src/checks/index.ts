import type { CheckResult } from "../model/check.js";
import type { Credential } from "../model/inventory.js";
import type { CheckContext, LifecycleCheck } from "./check.js";
import { check as certificateValidity } from "./certificate-validity.js";
import { check as crossEnvironment } from "./cross-environment.js";
import { check as historyOnly } from "./history-only.js";
import { check as leakedSecret } from "./leaked-secret.js";
import { check as missingOwner } from "./missing-owner.js";
import { check as noExpiry } from "./no-expiry.js";
import { check as plaintextInCi } from "./plaintext-in-ci.js";
import { check as rotationAge } from "./rotation-age.js";
import { check as shared } from "./shared.js";

/** Every lifecycle check, keyed by id (sorted). Adding a check is one line here. */
export const CHECKS: Readonly<Record<string, LifecycleCheck>> = {
  "certificate-validity": certificateValidity,
  "cross-environment": crossEnvironment,
  "history-only": historyOnly,
  "leaked-secret": leakedSecret,
  "missing-owner": missingOwner,
  "no-expiry": noExpiry,
  "plaintext-in-ci": plaintextInCi,
  "rotation-age": rotationAge,
  shared,
};

/** Runs every check on a credential. */
export function runChecks(credential: Credential, context: CheckContext): CheckResult[] {
  return Object.values(CHECKS).map((check) => check.run(credential, context));
}

export type { CheckContext, LifecycleCheck } from "./check.js";
