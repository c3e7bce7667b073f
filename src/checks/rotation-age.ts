import { introducingCommit, daysSince } from "../inventory/lifecycle.js";
import type { LifecycleCheck } from "./check.js";
import { result } from "./check.js";

/**
 * A committed value older than `policy.maxAgeDays` has not been rotated in the repository. The
 * age is the committed-value age (since the commit that introduced the value), not the key's
 * age at the provider, which a static scan cannot see.
 */
export const check: LifecycleCheck = {
  id: "rotation-age",
  title: "Committed value older than the rotation period",
  owasp: "NHI7:2025",
  severity: "medium",
  run(credential, { policy, now }) {
    if (credential.kind === "managed-reference") return result(check, "not-applicable", "a managed reference: the store rotates the value");
    const mark = credential.baseline;
    if (mark?.status === "rotated" || mark?.status === "revoked") return result(check, "pass", `${mark.status} on ${mark.date} (baseline)`);
    const commit = introducingCommit(credential);
    if (commit === undefined) return result(check, "not-applicable", "committed-value age unknown: not committed, or not in a git repository");
    const age = daysSince(commit.date, now);
    const since = `since ${commit.sha.slice(0, 8)} on ${commit.date.slice(0, 10)}`;
    if (age > policy.maxAgeDays) {
      return result(
        check,
        "fail",
        `committed-value age ${age} days (${since}) exceeds maxAgeDays ${policy.maxAgeDays}; rotate it and remove it from the repository`,
      );
    }
    return result(check, "pass", `committed-value age ${age} days (${since}), within maxAgeDays ${policy.maxAgeDays}`);
  },
};
