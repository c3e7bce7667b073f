import type { InventoryItem } from "./inventory.js";

import type { SkipReason } from "./fragment.js";
import type { Confidence, CredentialKind, Severity } from "./rule.js";

export { SKIP_REASONS } from "./fragment.js";
export type { SkipReason } from "./fragment.js";

/** A file or blob that was not scanned, or scanned with a caveat. */
export interface ScanWarning {
  readonly path: string;
  /** Why: a skip reason, `invalid-utf8` (scanned as latin1), or `partial-history` (a shallow clone: older commits absent). */
  readonly reason: SkipReason | "invalid-utf8" | "partial-history";
  readonly detail?: string;
  /** The repository of the path, when the report covers several. */
  readonly repository?: string;
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
}

/** Counters of one scan. */
export interface ScanStats {
  /** Files or blobs whose text was scanned. */
  readonly files: number;
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
  readonly policy: PolicyOutcome;
}
