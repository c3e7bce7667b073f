/** What a baseline entry may record about an accepted credential's life after acceptance. */
export const BASELINE_STATUSES = ["rotated", "revoked"] as const;
export type BaselineStatus = (typeof BASELINE_STATUSES)[number];

/** One accepted credential in a baseline file, keyed by credential id (never by line). */
export interface BaselineEntry {
  /** Credential id: the hash of the value, so the entry follows the value wherever it moves. */
  readonly credentialId: string;
  /** Redacted form, for the human reading the file. */
  readonly preview: string;
  /** Rules that matched the value when it was accepted. */
  readonly ruleIds: readonly string[];
  /** Why it was accepted, e.g. "accepted at creation". */
  readonly reason: string;
  /**
   * `rotated` or `revoked`: the value is dead, so its history-only occurrences stop failing the
   * policy from `date` on. Without a status the credential is suppressed everywhere.
   */
  readonly status?: BaselineStatus;
  /** ISO 8601 date (`2025-03-01` or a full timestamp) the status took effect; required with `status`. */
  readonly date?: string;
  /** Where it was when accepted (`path:line`), for the reader only: matching ignores it. */
  readonly seenAt?: readonly string[];
}

/** A baseline file (`.nhiscan-baseline.json`). */
export interface Baseline {
  /** Version of this file's shape. */
  readonly version: 1;
  /** ISO time the file was first written. */
  readonly createdAt: string;
  /** Tool and version that wrote it, e.g. `nhiscan 0.1.0`. */
  readonly tool: string;
  readonly entries: readonly BaselineEntry[];
}

/** The baseline status of an inventory item that a baseline records as rotated or revoked. */
export interface BaselineMark {
  readonly status: BaselineStatus;
  /** ISO date the status took effect. */
  readonly date: string;
  readonly reason: string;
}
