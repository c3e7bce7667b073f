import type { LifecycleCheck } from "./check.js";
import { result } from "./check.js";

/** A value removed from HEAD is still in every clone's history: deleting is not revoking. */
export const check: LifecycleCheck = {
  id: "history-only",
  title: "Removed from HEAD but still in history",
  owasp: "NHI2:2025",
  severity: "medium",
  run(credential) {
    if (credential.kind === "managed-reference") return result(check, "not-applicable", "a reference, not a value");
    if (credential.inHead) return result(check, "pass", "present in HEAD or the working tree (see leaked-secret)");
    const mark = credential.baseline;
    if (mark?.status === "revoked" || mark?.status === "rotated") return result(check, "pass", `only in history, ${mark.status} on ${mark.date} (baseline)`);
    const removal = credential.locations.flatMap((l) =>
      l.provenance.kind === "git" && l.provenance.removedIn !== undefined ? [l.provenance.removedIn] : [],
    )[0];
    const removed = removal === undefined ? "removed from HEAD" : `removed in ${removal.sha.slice(0, 8)} on ${removal.date.slice(0, 10)}`;
    return result(check, "fail", `deleting is not revoking: ${removed} but still in history; revoke it at the provider`);
  },
};
