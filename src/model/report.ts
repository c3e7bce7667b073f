import type { Grade } from "./check.js";
import type { InventoryItem } from "./inventory.js";

import type { SkipReason } from "./fragment.js";
import type { Confidence, CredentialKind, Severity } from "./rule.js";

export { SKIP_REASONS } from "./fragment.js";
export type { SkipReason } from "./fragment.js";

/** A file or blob that was not scanned, or scanned with a caveat. */
export interface ScanWarning {
  readonly path: string;
  /**
   * Why: a skip reason, `invalid-utf8` (scanned as latin1), `partial-history` (a shallow clone:
   * older commits absent), `incremental-fallback` (`--incremental` scanned the full history), or `codeowners` (a CODEOWNERS line the host would reject; `path` is the
   * CODEOWNERS file, `detail` names the line).
   */
  readonly reason: SkipReason | "invalid-utf8" | "partial-history" | "incremental-fallback" | "codeowners" | TrustWarningReason;
  readonly detail?: string;
  /** The repository of the path, when the report covers several. */
  readonly repository?: string;
}

/**
 * Trust-boundary caveats: a repository's own config not applied (`repository-config-ignored`),
 * a config or ignore file changed by the range being judged (`config-changed-in-range`), a
 * `plugins:` key in a repository's config not loaded (`untrusted-plugin`), a detector plugin that
 * threw or returned bad data on a file (`plugin-error`; the file's other findings stand).
 */
export type TrustWarningReason = "repository-config-ignored" | "config-changed-in-range" | "untrusted-plugin" | "plugin-error";

/** A candidate a filter dropped: listed, not only counted, so that every suppression can be reviewed. */
export interface Suppression {
  readonly path: string;
  /** 1-based line of the value. */
  readonly line: number;
  readonly ruleId: string;
  /** The value's credential id (a hash); never the value. */
  readonly credentialId: string;
  /** The filter: `allowlist.paths`, `inline-allow`, `baseline`, `placeholder`, `false-positive:<guard>`, `min-confidence`. */
  readonly reason: string;
  /** Where the suppression comes from: the config file and key, the inline comment, the baseline file, or the guard. */
  readonly source: string;
  /** The repository of the path, when the report covers several. */
  readonly repository?: string;
  /** Pull-request scans: an inline `nhiscan:allow` the range itself added (`--fail-on suppression-added`). */
  readonly addedInRange?: boolean;
}

/** A rule that ran: its id and pattern hash, and what reports show about it. */
export interface RuleSummary {
  readonly id: string;
  /** Short hash of the pattern: changes when the rule's matching changes. */
  readonly hash: string;
  /** Human-readable name, e.g. "GitHub personal access token (classic)". */
  readonly name?: string;
  readonly provider?: string;
  readonly kind?: CredentialKind;
  readonly severity?: Severity;
  readonly confidence?: Confidence;
  /** The detector plugin that provides this rule, when it is not builtin. */
  readonly plugin?: string;
}

/** Counters of one scan. */
export interface ScanStats {
  /** Files or blobs whose text was scanned. */
  readonly files: number;
  /** What `files` counts: working-tree or staged files, or git blobs (--history, --since, --range). Absent in older reports: files. */
  readonly unit?: "files" | "blobs";
  readonly bytes: number;
  /** Skipped entries by reason. */
  readonly skipped: Readonly<Record<SkipReason, number>>;
  /** Findings before inventory grouping (after filters). */
  readonly findings: number;
  /** Candidates dropped by filters, by filter name. */
  readonly suppressed: Readonly<Record<string, number>>;
  readonly durationMs: number;
}

/** What failed the policy gate, if anything. */
export interface PolicyOutcome {
  readonly failed: boolean;
  /** One line per reason. */
  readonly reasons: readonly string[];
}

/** Exposure in days over a set of credentials (those with a known introducing commit). */
export interface ExposureStats {
  readonly count: number;
  readonly medianDays: number;
  /** 90th percentile, nearest rank. */
  readonly p90Days: number;
}

/** Exposure over the whole inventory and per primary owner. */
export interface ExposureSummary extends ExposureStats {
  readonly byOwner: Readonly<Record<string, ExposureStats>>;
}

/** Counts over the inventory: what a repository summary shows. */
export interface InventorySummary {
  /** Distinct literal credentials (managed references excluded: they are counted apart, and every other count here is over the credentials alone). */
  readonly credentials: number;
  /** References to managed secrets (`${{ secrets.X }}`, `secretKeyRef`): inventoried, not leaks. */
  readonly managedReferences: number;
  /** Locations of the credentials (managed references excluded). */
  readonly locations: number;
  /** Items per grade, every grade present (A first). */
  readonly byGrade: Readonly<Record<Grade, number>>;
  /** Items per credential kind. */
  readonly byKind: Readonly<Record<string, number>>;
  /** Items per primary owner hint; `no owner hint found` counts the rest. */
  readonly byOwner: Readonly<Record<string, number>>;
  /** Items failing each check, by check id. */
  readonly byCheck: Readonly<Record<string, number>>;
  /** Exposure days (median, p90) overall and by owner; absent when no item has a known introducing commit. */
  readonly exposure?: ExposureSummary;
}

/** The full result of a scan: the only thing formatters see. */
export interface ScanReport {
  /** Version of this JSON shape; bumped on breaking changes. */
  readonly schemaVersion: 1;
  readonly tool: { readonly name: "nhiscan"; readonly version: string };
  /** ISO timestamp of the scan start. */
  readonly scannedAt: string;
  /** Scanned targets as given. */
  readonly targets: readonly string[];
  /** Rules that ran: id, pattern hash and display metadata. */
  readonly rules: readonly RuleSummary[];
  readonly stats: ScanStats;
  /** Skipped entries and caveats, each with its reason. */
  readonly warnings: readonly ScanWarning[];
  /** Whether raw secrets are present in this report. */
  readonly showSecrets: boolean;
  readonly items: readonly InventoryItem[];
  /** Every suppressed candidate with its reason and source (absent in reports of older versions). */
  readonly suppressions?: readonly Suppression[];
  readonly policy: PolicyOutcome;
  /** Counts by grade, kind, owner and failed check (absent in reports of older versions). */
  readonly summary?: InventorySummary;
}
