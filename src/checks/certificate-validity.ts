import type { Credential } from "../model/inventory.js";
import type { Severity } from "../model/rule.js";
import type { LifecycleCheck } from "./check.js";
import { result } from "./check.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Longest validity a publicly trusted TLS certificate may have (CA/Browser Forum, since 2020). */
export const MAX_VALIDITY_DAYS = 398;

/** The validity period of the credential's certificate, from the detector's parts. */
function validity(credential: Credential): { notBefore?: number; notAfter: number } | undefined {
  for (const location of credential.locations) {
    const notAfter = Date.parse(location.parts?.["notAfter"] ?? "");
    if (Number.isNaN(notAfter)) continue;
    const notBefore = Date.parse(location.parts?.["notBefore"] ?? "");
    return Number.isNaN(notBefore) ? { notAfter } : { notBefore, notAfter };
  }
  return undefined;
}

/** An expired certificate, one expiring within `certWarnDays`, or one valid for longer than 398 days. */
export const check: LifecycleCheck = {
  id: "certificate-validity",
  title: "Certificate expired, expiring, or valid too long",
  owasp: "NHI7:2025",
  severity: "medium",
  run(credential, { policy, now }) {
    const period = validity(credential);
    if (period === undefined) {
      return result(check, "not-applicable", credential.kind === "certificate" ? "validity dates not readable" : "not a certificate");
    }
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const problems: { text: string; severity: Severity }[] = [];
    const left = Math.floor((period.notAfter - now.getTime()) / DAY_MS);
    if (period.notAfter <= now.getTime()) problems.push({ text: `expired on ${day(period.notAfter)}`, severity: "medium" });
    else if (left <= policy.certWarnDays)
      problems.push({ text: `expires on ${day(period.notAfter)}, in ${left} days (certWarnDays ${policy.certWarnDays})`, severity: "low" });
    if (period.notBefore !== undefined) {
      const lifetime = Math.round((period.notAfter - period.notBefore) / DAY_MS);
      if (lifetime > MAX_VALIDITY_DAYS) problems.push({ text: `valid for ${lifetime} days, more than ${MAX_VALIDITY_DAYS}`, severity: "medium" });
    }
    if (problems.length === 0) return result(check, "pass", `valid until ${day(period.notAfter)} (${left} days left)`);
    const severity = problems.some((p) => p.severity === "medium") ? "medium" : "low";
    return result(check, "fail", problems.map((p) => p.text).join("; "), severity);
  },
};
