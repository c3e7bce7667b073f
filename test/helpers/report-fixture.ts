import type { CheckResult } from "../../src/model/check.js";
import type { Finding } from "../../src/model/finding.js";
import type { Provenance } from "../../src/model/fragment.js";
import type { InventoryItem, OwnerHint } from "../../src/model/inventory.js";
import type { ScanReport } from "../../src/model/report.js";
import { SKIP_REASONS } from "../../src/model/report.js";

// The shared fixture every formatter snapshot is taken from: a hand-built ScanReport with fake
// previews (no raw values anywhere), covering every kind of fact a format must show or escape.

const OWASP: Readonly<Record<string, string>> = {
  "leaked-secret": "NHI2:2025",
  shared: "NHI9:2025",
  "plaintext-in-ci": "NHI2:2025",
  "cross-environment": "NHI8:2025",
  "no-expiry": "NHI7:2025",
};
const WEIGHT = { critical: 50, high: 30, medium: 15, low: 5 } as const;

function check(checkId: string, status: CheckResult["status"], severity: CheckResult["severity"], message: string): CheckResult {
  return { checkId, status, severity, owasp: OWASP[checkId] ?? "NHI2:2025", message };
}

const commit = (sha: string, author: string, date: string) => ({
  sha: sha.repeat(40 / sha.length),
  author,
  email: `${author.split(" ")[0]?.toLowerCase()}@example.com`,
  date,
});

function at(base: Omit<InventoryItem, "locations" | "checks" | "score" | "grade">, path: string, line: number, provenance: Provenance, column = 1): Finding {
  return {
    ruleId: base.ruleIds[0] ?? "rule",
    provider: base.provider,
    kind: base.kind,
    severity: base.severity,
    confidence: base.confidence,
    nonExpiring: base.nonExpiring,
    credentialId: base.credentialId,
    matchId: `${base.credentialId.slice(0, 8)}${String(line).padStart(8, "0")}`,
    preview: base.preview,
    path,
    line,
    column,
    entropy: 4.5,
    provenance,
  };
}

function item(
  base: Omit<InventoryItem, "locations" | "checks" | "score" | "grade">,
  locations: [string, number, Provenance][],
  checks: CheckResult[],
): InventoryItem {
  const score = Math.max(0, 100 - checks.filter((c) => c.status === "fail").reduce((s, c) => s + WEIGHT[c.severity], 0));
  const grade = score >= 90 ? "A" : score >= 75 ? "B" : score >= 60 ? "C" : score >= 40 ? "D" : "F";
  return { ...base, locations: locations.map(([p, l, prov]) => at(base, p, l, prov, 14)), checks, score, grade };
}

const owner = (source: OwnerHint["source"], value: string, evidence: string): OwnerHint => ({ source, value, confidence: "medium", evidence });
const file: Provenance = { kind: "file" };
const base = { confidence: "high", environments: [], ownerHints: [], inHead: true, nonExpiring: false } as const;

const ITEMS: InventoryItem[] = [
  item(
    {
      ...base,
      credentialId: "a1b2c3d4e5f60718293a4b5c6d7e8f90",
      kind: "token",
      provider: "github",
      ruleIds: ["github-classic-pat"],
      severity: "high",
      nonExpiring: true,
      preview: "ghp_Fk…[40 chars, #a1b2c3d4]",
      environments: ["production", "staging"],
      ownerHints: [owner("codeowners", "@acme/platform", ".github/CODEOWNERS:3")],
    },
    [
      [".github/workflows/deploy.yml", 14, { kind: "file", lastChange: commit("c0ffee12", "Alice Dev", "2024-09-01T10:00:00Z") }],
      ["config/.env.production", 2, { kind: "file", lastChange: commit("0badf00d", "Bob Ops", "2024-01-10T09:30:00Z") }],
      [
        "services/api/.env.staging",
        1,
        { kind: "git", blob: "b10bb10b".repeat(5), introduced: commit("deadbeef", "Bob Ops", "2023-05-01T08:00:00Z"), inHead: false },
      ],
    ],
    [
      check("leaked-secret", "fail", "high", "token value found in the working tree at 3 location(s); rotate it at the provider"),
      check("shared", "fail", "medium", "same value in 3 files (.github/workflows/deploy.yml, config/.env.production, services/api/.env.staging)"),
      check("plaintext-in-ci", "fail", "high", "literal value in .github/workflows/deploy.yml; use the CI system's secret store"),
      check("cross-environment", "fail", "high", "same value in production and staging locations"),
      check("no-expiry", "fail", "medium", "this credential format has no built-in expiry"),
    ],
  ),
  item(
    {
      ...base,
      credentialId: "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
      kind: "private-key",
      provider: "generic",
      ruleIds: ["rsa-private-key"],
      severity: "critical",
      preview: "-----BEGIN RSA PRIVATE KEY-----…[887 chars, #0f1e2d3c]",
      inHead: false,
    },
    [
      [
        "deploy/id_rsa",
        1,
        {
          kind: "git",
          blob: "feedface".repeat(5),
          introduced: commit("1234abcd", "Dana Former", "2022-02-01T12:00:00Z"),
          removedIn: commit("abcd1234", "Eve Sec", "2022-03-01T12:00:00Z"),
          inHead: false,
        },
      ],
    ],
    [
      check("leaked-secret", "fail", "critical", "private-key value found in git history at 1 location(s); rotate it at the provider"),
      check("shared", "pass", "medium", "found in one file"),
    ],
  ),
  item(
    {
      ...base,
      credentialId: "5a5a5a5a6b6b6b6b7c7c7c7c8d8d8d8d",
      kind: "webhook",
      provider: "slack",
      ruleIds: ["slack-webhook-url"],
      severity: "high",
      preview: "https:…[79 chars, #5a5a5a5a]",
      ownerHints: [owner("git-author", "alice@example.com", "commit c0ffee12")],
    },
    [["scripts/notify.sh", 7, { kind: "file", lastChange: commit("c0ffee12", "Alice Dev", "2024-12-20T10:00:00Z") }]],
    [
      check("leaked-secret", "fail", "high", "webhook value found in the working tree at 1 location(s); rotate it at the provider"),
      check("shared", "pass", "medium", "found in one file"),
    ],
  ),
  item(
    {
      ...base,
      credentialId: "77777777888888889999999900000000",
      kind: "api-key",
      provider: "stripe",
      ruleIds: ["stripe-live-secret-key"],
      severity: "high",
      preview: "sk_liv…[32 chars, #77777777]",
      inHead: false,
      baseline: { status: "rotated", date: "2024-06-01", reason: "rotated by payments on-call" },
    },
    [
      [
        "billing/old-config.js",
        3,
        { kind: "git", blob: "0ddba11a".repeat(5), introduced: commit("fee1dead", "Carol Pay", "2023-11-11T11:11:11Z"), inHead: false },
      ],
    ],
    [
      check("leaked-secret", "fail", "high", "api-key value found in git history at 1 location(s); rotate it at the provider"),
      check("shared", "pass", "medium", "found in one file"),
    ],
  ),
  item(
    {
      ...base,
      credentialId: "1234123412341234abcdabcdabcdabcd",
      kind: "password",
      provider: "generic",
      ruleIds: ["generic-password"],
      severity: "medium",
      confidence: "medium",
      preview: "=cmd|'…[18 chars, #12341234]",
      ownerHints: [owner("config", "@acme/<data>", '.nhiscan.yml: owners["notes/**"]')],
    },
    [['notes/=HYPERLINK("x")|<b>.txt', 5, file]],
    [
      check("leaked-secret", "fail", "medium", "password value found in the working tree at 1 location(s); rotate it at the provider"),
      check("shared", "pass", "medium", "found in one file"),
    ],
  ),
  item(
    {
      ...base,
      credentialId: "fafafafafafafafafafafafafafafafa",
      kind: "managed-reference",
      provider: "github-actions",
      ruleIds: ["github-actions-secret-ref"],
      severity: "low",
      preview: "secrets.DEPLOY_TOKEN",
    },
    [[".github/workflows/deploy.yml", 20, file]],
    [check("leaked-secret", "not-applicable", "high", "a reference to a managed secret, not a value"), check("shared", "pass", "medium", "found in one file")],
  ),
];

/** The shared fixture report (fixed time, version and counters). */
export function fixtureReport(): ScanReport {
  const skipped = { ...Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])), binary: 2, "too-large": 1 } as ScanReport["stats"]["skipped"];
  return {
    schemaVersion: 1,
    tool: { name: "nhiscan", version: "0.0.0-test" },
    scannedAt: "2025-01-15T12:00:00.000Z",
    targets: ["."],
    rules: [
      {
        id: "github-classic-pat",
        hash: "aaaa1111",
        name: "GitHub personal access token (classic)",
        provider: "github",
        kind: "token",
        severity: "high",
        confidence: "high",
      },
      { id: "rsa-private-key", hash: "bbbb2222", name: "RSA private key", provider: "generic", kind: "private-key", severity: "critical", confidence: "high" },
      { id: "slack-webhook-url", hash: "cccc3333", name: "Slack incoming webhook", provider: "slack", kind: "webhook", severity: "high", confidence: "high" },
      { id: "unused-rule", hash: "dddd4444" },
    ],
    stats: { files: 42, bytes: 123456, skipped, findings: 8, suppressed: { placeholder: 3, "inline-allow": 1 }, durationMs: 1234 },
    warnings: [
      { path: "assets/logo.png", reason: "binary" },
      { path: "data/dump.sql", reason: "too-large", detail: "12 MB > 10 MB" },
    ],
    showSecrets: false,
    items: structuredClone(ITEMS),
    policy: {
      failed: true,
      reasons: ["leaked credentials (--fail-on finding): 5 credential(s), e.g. ghp_Fk…[40 chars, #a1b2c3d4] at .github/workflows/deploy.yml"],
    },
  };
}

/** The fixture with raw values attached and --show-secrets on. */
export function fixtureWithSecrets(secretOf: (item: InventoryItem) => string): ScanReport {
  const report = fixtureReport();
  return {
    ...report,
    showSecrets: true,
    items: report.items.map((i) => ({ ...i, secret: secretOf(i), locations: i.locations.map((l) => ({ ...l, secret: secretOf(i) })) })),
  };
}

/** A real scan's report with its volatile fields (time, version, duration) fixed, for snapshots. */
export function normaliseReport(report: ScanReport): ScanReport {
  return { ...report, scannedAt: "2025-01-15T12:00:00.000Z", tool: { ...report.tool, version: "0.0.0-test" }, stats: { ...report.stats, durationMs: 0 } };
}
