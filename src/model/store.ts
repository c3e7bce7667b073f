import type { Grade } from "./check.js";

/** Lifecycle states of a credential in the persistent inventory. */
export const CREDENTIAL_STATES = ["open", "remediated", "rotated", "revoked", "accepted"] as const;
export type CredentialState = (typeof CREDENTIAL_STATES)[number];

/** The states a person may set with `inventory set` (`remediated` is only ever set by a scan). */
export const MANUAL_STATES = ["open", "rotated", "revoked", "accepted"] as const;
export type ManualState = (typeof MANUAL_STATES)[number];

/** One entry of a credential's audit trail. */
export interface StoreEvent {
  /** ISO time of the change. */
  readonly at: string;
  /** Who: NHISCAN_ACTOR, git user.email or the OS user; `nhiscan` for changes a scan made. */
  readonly actor: string;
  /** discovered | reopened | remediated | state | owner | note */
  readonly action: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly note: string | null;
  /** The scan that caused it, for automatic events. */
  readonly scanId?: string;
}

/** One credential as `inventory list` shows it. Never holds a raw secret. */
export interface StoredCredential {
  readonly credentialId: string;
  readonly kind: string;
  readonly provider: string;
  readonly preview: string;
  readonly state: CredentialState;
  /** Time of the first and latest scan that saw it. */
  readonly firstSeenAt: string;
  readonly lastSeenAt: string;
  /** Date of the commit that introduced the value, when git knows it. */
  readonly firstCommittedAt: string | null;
  /** When it left HEAD: the removing commit's date when git knows it, else the scan time. */
  readonly remediatedAt: string | null;
  /** The commit that removed it from HEAD, when known. */
  readonly removedInCommit: string | null;
  /** Whole days from introduction (else first scan) to removal (else now). */
  readonly exposureDays: number;
  /** The assigned owner, else the best owner hint of the latest scan. */
  readonly owner: string | null;
  /** Whether `owner` was assigned by hand. */
  readonly ownerAssigned: boolean;
  readonly grade: Grade | null;
  readonly failingChecks: readonly string[];
  /** Targets whose scans held it. */
  readonly targets: readonly string[];
  /** Latest known locations (`path:line`). */
  readonly locations: readonly string[];
  readonly events: readonly StoreEvent[];
}

/** One row of `trend`: a recorded scan and what it changed. */
export interface TrendRow {
  readonly scanId: string;
  readonly at: string;
  readonly targets: readonly string[];
  readonly mode: string;
  /** Credentials open in the whole store after this scan. */
  readonly open: number;
  /** First seen in this scan. */
  readonly new: number;
  /** Turned remediated by this scan. */
  readonly remediated: number;
  /** Remediated before, seen again in this scan. */
  readonly reopened: number;
  /** Grades of the credentials this scan saw. */
  readonly byGrade: Readonly<Record<Grade, number>>;
  /** Median exposure in days of the credentials this scan remediated; null when none. */
  readonly medianDaysToRemediate: number | null;
}

/** Days to remediate per owner over every remediated credential: what the trend chart draws. */
export interface OwnerRemediation {
  readonly owner: string;
  readonly count: number;
  readonly medianDays: number;
  readonly p90Days: number;
}

/** What `trend` reports. */
export interface TrendReport {
  readonly store: string;
  readonly scans: readonly TrendRow[];
  readonly remediationByOwner: readonly OwnerRemediation[];
}

/** Where a store lives: an SQLite file (the embedded default) or a PostgreSQL database. */
export type StoreLocation =
  | { readonly kind: "sqlite"; readonly file: string }
  | {
      readonly kind: "postgres";
      /** The connection string as given: may hold a password, so it never reaches a message. */
      readonly url: string;
      /** The connection string with any password replaced by `***`: what messages show. */
      readonly label: string;
    };

/** A value bound to a `?` placeholder. Times are ISO strings, booleans 0/1, JSON is text. */
export type SqlValue = string | number | null;

/**
 * The SQL both backends run: one dialect (`?` placeholders, the shared schema), so every query
 * lives once in src/store and means the same on SQLite and PostgreSQL.
 */
export interface SqlSession {
  /** Every row of a query (or of a statement with RETURNING). */
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** A statement without rows; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/**
 * An open store. Reads run on it directly; `write` runs a unit of work as one transaction that
 * is serialised against every other writer of the same store (SQLite: BEGIN IMMEDIATE;
 * PostgreSQL: a transaction-scoped advisory lock), and on PostgreSQL is retried from the start
 * on a serialization failure or deadlock. `work` may therefore run more than once: it must
 * derive everything it writes from what it reads inside the transaction.
 */
export interface StoreBackend extends SqlSession {
  readonly kind: StoreLocation["kind"];
  /** What messages name: the file, or the redacted connection string. */
  readonly label: string;
  write<T>(work: (tx: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Per repository and ref, the last commit a scan recorded (table `repo_refs`): where an
 * incremental history scan starts.
 */
export interface RepoRef {
  /** Canonical repository root, as the store's targets name it. */
  readonly repository: string;
  /** Full ref name, e.g. `refs/heads/main`. */
  readonly ref: string;
  /** The commit the ref pointed at when it was scanned. */
  readonly commitSha: string;
  /** ISO time of the scan that recorded it. */
  readonly scannedAt: string;
}
