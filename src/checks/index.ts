import type { CheckResult } from "../model/check.js";
import { GRADES } from "../model/check.js";
import type { Credential, InventoryItem } from "../model/inventory.js";
import type { CheckContext, LifecycleCheck } from "./check.js";
import { check as certificateValidity } from "./certificate-validity.js";
import { gradeOf } from "./grade.js";
import { check as crossEnvironment } from "./cross-environment.js";
import { check as historyOnly } from "./history-only.js";
import { check as leakedSecret } from "./leaked-secret.js";
import { check as missingOwner } from "./missing-owner.js";
import { check as noExpiry } from "./no-expiry.js";
import { check as plaintextInCi } from "./plaintext-in-ci.js";
import { check as rotationAge } from "./rotation-age.js";
import { check as shared } from "./shared.js";
import { check as weakCredential } from "./weak-credential.js";

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
  "weak-credential": weakCredential,
};

/** Runs every check on a credential. */
export function runChecks(credential: Credential, context: CheckContext): CheckResult[] {
  return Object.values(CHECKS).map((check) => check.run(credential, context));
}

/** Runs the checks on a credential and grades it: one inventory item. */
export function gradeCredential(credential: Credential, context: CheckContext): InventoryItem {
  const checks = runChecks(credential, context);
  return { ...credential, checks, ...gradeOf(checks) };
}

/** Worst grade first, then lowest score, then by first location. */
export function worstFirst(a: InventoryItem, b: InventoryItem): number {
  const where = (i: InventoryItem) => `${i.locations[0]?.repository ?? ""}\u0000${i.locations[0]?.path ?? ""}`;
  return (
    GRADES.indexOf(b.grade) - GRADES.indexOf(a.grade) ||
    a.score - b.score ||
    where(a).localeCompare(where(b)) ||
    (a.locations[0]?.line ?? 0) - (b.locations[0]?.line ?? 0)
  );
}

export type { CheckContext, LifecycleCheck } from "./check.js";
