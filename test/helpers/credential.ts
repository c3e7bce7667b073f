import type { CheckContext } from "../../src/checks/check.js";
import type { Finding } from "../../src/model/finding.js";
import type { Credential, OwnerHint } from "../../src/model/inventory.js";

/** A location of a fake credential; override any field. */
export function location(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: "github-classic-pat",
    provider: "github",
    kind: "token",
    severity: "high",
    confidence: "high",
    nonExpiring: true,
    credentialId: "c0ffee00c0ffee00c0ffee00c0ffee00",
    matchId: "m1",
    preview: "ghp_ab…[40 chars, #c0ffee00]",
    path: "config/app.env",
    line: 2,
    column: 7,
    entropy: 5,
    provenance: { kind: "file" },
    ...overrides,
  };
}

/** A credential with one location by default; override any field. */
export function credential(overrides: Partial<Credential> = {}): Credential {
  const locations = overrides.locations ?? [location()];
  return {
    credentialId: "c0ffee00c0ffee00c0ffee00c0ffee00",
    kind: "token",
    provider: "github",
    ruleIds: ["github-classic-pat"],
    severity: "high",
    confidence: "high",
    nonExpiring: true,
    preview: "ghp_ab…[40 chars, #c0ffee00]",
    environments: [],
    ownerHints: [],
    inHead: true,
    ...overrides,
    locations,
  };
}

/** A commit at an ISO date. */
export function commitAt(date: string, sha = "a1b2c3d4".repeat(5), author = "Alice", email = "alice@example.test") {
  return { sha, author, email, date };
}

/** An owner hint; override any field. */
export function hint(overrides: Partial<OwnerHint> = {}): OwnerHint {
  return { source: "codeowners", value: "@acme/platform", confidence: "high", evidence: "CODEOWNERS:1 `*`", ...overrides };
}

/** The default policy at a fixed "now". */
export function context(overrides: Partial<CheckContext["policy"]> = {}, now = "2025-01-15T12:00:00Z"): CheckContext {
  return { policy: { maxAgeDays: 90, activeAuthorDays: 180, certWarnDays: 30, failOn: ["finding"], ...overrides }, now: new Date(now) };
}
