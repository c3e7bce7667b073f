import type { InventoryItem } from "../model/inventory.js";

/** The OWASP Non-Human Identities Top 10 (2025), which every check cites. */
export const OWASP_NHI_URL = "https://owasp.org/www-project-non-human-identities-top-10/2025/top-10-2025";

/** What to do about a failed check, by check id; unknown ids fall back to the generic advice. */
export const CHECK_ADVICE: Readonly<Record<string, string>> = {
  "leaked-secret": "Rotate (revoke and reissue) the credential at the provider, then remove it from the code; deleting a file is not revoking.",
  "history-only": "It is gone from HEAD but still in git history: rotate it at the provider; rewriting history alone does not help clones and forks.",
  shared: "Issue one credential per consumer so each can be rotated and revoked alone.",
  "cross-environment": "Give production its own credential; never reuse it in staging, development or tests.",
  "plaintext-in-ci": "Move the value into the CI system's secret store and reference it (e.g. `${{ secrets.NAME }}`).",
  "weak-credential": "Replace the guessable value with a generated secret (32+ random characters), rotate it, and load it from a secret store.",
  "no-expiry": "Prefer short-lived or expiring credentials (fine-grained tokens, OIDC federation) over formats that never expire.",
  "rotation-age": "Rotate it now and on a schedule shorter than the policy's maximum age.",
  "missing-owner": "Record an owner (CODEOWNERS or the config's `owners:`) so someone answers for rotation and revocation.",
  "certificate-validity": "Renew the certificate and keep validity at 398 days or less; keep the private key out of the repository.",
};

/** What to do with a value that is fine where it is; every format that gives advice ends with it. */
export const BASELINE_ADVICE =
  "A value you accept (a test fixture, an already-rotated key): `nhiscan baseline create`, review the file, commit it, scan with `--baseline`.";

export const GENERIC_ADVICE = "Rotate the credential at the provider, remove it from the code, and load it from a secret manager at run time.";

/** Ordered, de-duplicated advice for an item's failing checks. */
export function adviceFor(item: InventoryItem): string[] {
  return [...new Set(item.checks.filter((c) => c.status === "fail").map((c) => CHECK_ADVICE[c.checkId] ?? GENERIC_ADVICE))];
}

/** Advice for a whole report: each failing check id present, with its count, worst-hit first. */
export function reportAdvice(items: readonly InventoryItem[]): { checkId: string; count: number; advice: string }[] {
  const counts = new Map<string, number>();
  for (const item of items) for (const c of item.checks) if (c.status === "fail") counts.set(c.checkId, (counts.get(c.checkId) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([checkId, count]) => ({ checkId, count, advice: CHECK_ADVICE[checkId] ?? GENERIC_ADVICE }));
}
