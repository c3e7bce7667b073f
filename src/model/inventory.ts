import type { Confidence, CredentialKind, Severity } from "./rule.js";
import type { Finding } from "./finding.js";
import type { CheckResult, Grade } from "./check.js";
import type { BaselineMark } from "./baseline.js";

/** A hint about who owns a credential, with where the hint came from. */
export interface OwnerHint {
  readonly source: "codeowners" | "git-author" | "config";
  /** Team, user or e-mail. */
  readonly value: string;
  readonly confidence: Confidence;
  /** The file or commit that gave the hint. */
  readonly evidence: string;
  /**
   * For `git-author` hints: ISO date of the author's newest commit anywhere in the repository, so
   * a check can tell whether the author is still active (`policy.activeAuthorDays`).
   */
  readonly lastActive?: string;
}

/** Deployment environments a location can belong to. */
export type Environment = "production" | "staging" | "development" | "test";

/** One distinct credential before lifecycle checks: the value's locations and owners. */
export interface Credential {
  /** Hash of the secret value alone: the same value anywhere is the same item. */
  readonly credentialId: string;
  readonly kind: CredentialKind;
  readonly provider: string;
  /** Rule ids that matched this value, the naming rule first. */
  readonly ruleIds: readonly string[];
  readonly severity: Severity;
  readonly confidence: Confidence;
  /** Whether the format has no built-in expiry. */
  readonly nonExpiring: boolean;
  /** A guessable value (see `Finding.weak`); absent when not weak. */
  readonly weak?: boolean;
  /** Redacted form of the value. */
  readonly preview: string;
  /** The raw value, present only with --show-secrets. */
  readonly secret?: string;
  /** Every occurrence, ordered by path and line. */
  readonly locations: readonly Finding[];
  /** Environments suggested by the locations' paths, sorted. */
  readonly environments: readonly Environment[];
  readonly ownerHints: readonly OwnerHint[];
  /** Whether any location is in the working tree / HEAD. */
  readonly inHead: boolean;
  /** Set when a baseline entry records this credential as rotated or revoked. */
  readonly baseline?: BaselineMark;
}

/** A credential with its lifecycle check results and grade: one row of the inventory. */
export interface InventoryItem extends Credential {
  readonly checks: readonly CheckResult[];
  /** 100 minus the weights of failed checks, floored at 0. */
  readonly score: number;
  readonly grade: Grade;
  /**
   * Whole days from the introducing commit to the commit that removed the value from HEAD (or to
   * the scan while it is still there); absent when no introducing commit is known.
   */
  readonly exposureDays?: number;
}
