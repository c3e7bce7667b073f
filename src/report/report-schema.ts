import { z } from "zod";
import { BASELINE_STATUSES } from "../model/baseline.js";
import { GRADES } from "../model/check.js";
import { CONFIDENCES, CREDENTIAL_KINDS, SEVERITIES } from "../model/rule.js";

// The shape of a JSON ScanReport, checked before `merge` trusts a file. Objects are loose so
// that fields added in later minor versions pass through a merge untouched.

const commit = z.looseObject({ sha: z.string(), author: z.string(), email: z.string(), date: z.string() });

const provenance = z.discriminatedUnion("kind", [
  z.looseObject({ kind: z.literal("file"), lastChange: commit.optional() }),
  z.looseObject({ kind: z.literal("staged") }),
  z.looseObject({
    kind: z.literal("git"),
    blob: z.string(),
    introduced: commit.optional(),
    lastSeen: commit.optional(),
    removedIn: commit.optional(),
    inHead: z.boolean().optional(),
  }),
]);

const location = z.looseObject({
  ruleId: z.string(),
  provider: z.string(),
  kind: z.enum(CREDENTIAL_KINDS),
  severity: z.enum(SEVERITIES),
  confidence: z.enum(CONFIDENCES),
  nonExpiring: z.boolean(),
  /** A guessable value (dictionary word, default, short) under a credential name; absent when not weak. */
  weak: z.boolean().optional(),
  credentialId: z.string().min(1),
  matchId: z.string(),
  preview: z.string(),
  secret: z.string().optional(),
  path: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  entropy: z.number(),
  provenance,
  parts: z.record(z.string(), z.string()).optional(),
  repository: z.string().optional(),
});

const item = z.looseObject({
  credentialId: z.string().min(1),
  kind: z.enum(CREDENTIAL_KINDS),
  provider: z.string(),
  ruleIds: z.array(z.string()),
  severity: z.enum(SEVERITIES),
  confidence: z.enum(CONFIDENCES),
  nonExpiring: z.boolean(),
  /** A guessable value (dictionary word, default, short) under a credential name; absent when not weak. */
  weak: z.boolean().optional(),
  preview: z.string(),
  secret: z.string().optional(),
  locations: z.array(location).min(1, "expected at least one location"),
  environments: z.array(z.enum(["production", "staging", "development", "test"])),
  ownerHints: z.array(
    z.looseObject({ source: z.enum(["codeowners", "git-author", "config"]), value: z.string(), confidence: z.enum(CONFIDENCES), evidence: z.string() }),
  ),
  inHead: z.boolean(),
  baseline: z.looseObject({ status: z.enum(BASELINE_STATUSES), date: z.string(), reason: z.string() }).optional(),
  checks: z.array(
    z.looseObject({
      checkId: z.string(),
      status: z.enum(["pass", "fail", "not-applicable"]),
      severity: z.enum(SEVERITIES),
      owasp: z.string(),
      message: z.string(),
    }),
  ),
  score: z.number(),
  grade: z.enum(GRADES),
  exposureDays: z.number().int().nonnegative().optional(),
});

const exposureStats = z.looseObject({ count: z.number().int(), medianDays: z.number(), p90Days: z.number() });

/** A JSON ScanReport (schema version 1). */
export const scanReportSchema = z.looseObject({
  schemaVersion: z.literal(1, "expected 1 (an nhiscan JSON report, `--format json`)"),
  tool: z.looseObject({ name: z.literal("nhiscan"), version: z.string() }),
  scannedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), "expected an ISO date"),
  targets: z.array(z.string()),
  rules: z.array(z.looseObject({ id: z.string(), hash: z.string() })),
  stats: z.looseObject({
    files: z.number(),
    unit: z.enum(["files", "blobs"]).optional(),
    bytes: z.number(),
    skipped: z.record(z.string(), z.number()),
    findings: z.number(),
    suppressed: z.record(z.string(), z.number()),
    durationMs: z.number(),
  }),
  warnings: z.array(z.looseObject({ path: z.string(), reason: z.string() })),
  showSecrets: z.boolean(),
  items: z.array(item),
  suppressions: z
    .array(
      z.looseObject({
        path: z.string(),
        line: z.number().int().positive(),
        ruleId: z.string(),
        credentialId: z.string(),
        reason: z.string(),
        source: z.string(),
        repository: z.string().optional(),
        addedInRange: z.boolean().optional(),
      }),
    )
    .optional(),
  policy: z.looseObject({ failed: z.boolean(), reasons: z.array(z.string()) }),
  summary: z
    .looseObject({
      credentials: z.number(),
      exposure: exposureStats.extend({ byOwner: z.record(z.string(), exposureStats) }).optional(),
    })
    .optional(),
});
