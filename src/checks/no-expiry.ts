import type { Credential } from "../model/inventory.js";
import type { LifecycleCheck } from "./check.js";
import { result } from "./check.js";

/** The value's expiry where the detector decoded one: `expiresAt`, or a JWT `exp` (ISO, or seconds since the epoch). */
function expiryOf(credential: Credential): string | undefined {
  for (const location of credential.locations) {
    const expiresAt = location.parts?.["expiresAt"];
    if (expiresAt !== undefined) return expiresAt;
    const exp = location.parts?.["exp"];
    if (exp !== undefined && /^\d+$/.test(exp)) return new Date(Number(exp) * 1000).toISOString();
    if (exp !== undefined && !Number.isNaN(Date.parse(exp))) return exp;
  }
  return undefined;
}

/** A JSON Web Token: named so by its rule, or decoded into JWT header/claim parts. */
function isJwt(credential: Credential): boolean {
  return credential.ruleIds.some((id) => /(?:^|-)jwt(?:$|-)/.test(id)) || credential.locations.some((l) => l.parts?.["alg"] !== undefined);
}

/** Formats that never expire on their own, and JWTs without `exp`, stay valid until someone revokes them. */
export const check: LifecycleCheck = {
  id: "no-expiry",
  title: "Credential with no expiry",
  owasp: "NHI7:2025",
  severity: "medium",
  run(credential) {
    if (credential.kind === "managed-reference") return result(check, "not-applicable", "expiry is managed by the secret store");
    const expiry = expiryOf(credential);
    if (expiry !== undefined) return result(check, "pass", `expires ${expiry}`);
    if (isJwt(credential)) return result(check, "fail", "JWT without an `exp` claim: valid until its signing key is rotated");
    if (credential.nonExpiring) return result(check, "fail", "this credential format has no built-in expiry");
    return result(check, "not-applicable", "expiry is not visible in the value");
  },
};
