import type { LifecycleCheck } from "./check.js";
import { result } from "./check.js";

/** Formats that never expire on their own stay valid until someone revokes them. */
export const check: LifecycleCheck = {
  id: "no-expiry",
  title: "Credential format with no expiry",
  owasp: "NHI7:2025",
  severity: "medium",
  run(credential) {
    if (credential.kind === "managed-reference") return result(check, "not-applicable", "expiry is managed by the secret store");
    const expiry = credential.locations.find((l) => l.parts?.["expiresAt"] !== undefined)?.parts?.["expiresAt"];
    if (expiry !== undefined) return result(check, "pass", `expires ${expiry}`);
    if (credential.nonExpiring) return result(check, "fail", "this credential format has no built-in expiry");
    return result(check, "not-applicable", "expiry is not visible in the value");
  },
};
