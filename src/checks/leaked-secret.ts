import type { LifecycleCheck } from "./check.js";
import { result } from "./check.js";

/** A literal credential committed to the repository is leaked, whatever else holds. */
export const check: LifecycleCheck = {
  id: "leaked-secret",
  title: "Literal credential committed",
  owasp: "NHI2:2025",
  severity: "high",
  run(credential) {
    if (credential.kind === "managed-reference") return result(check, "not-applicable", "a reference to a managed secret, not a value");
    const where = credential.inHead ? "in the working tree" : "in git history";
    return result(
      check,
      "fail",
      `${credential.kind} value found ${where} at ${credential.locations.length} location(s); rotate it at the provider`,
      credential.severity,
    );
  },
};
