import type { Confidence, CredentialKind, Severity } from "./rule.js";
import type { Finding } from "./finding.js";
import type { CheckResult, Grade } from "./check.js";

/** A hint about who owns a credential, with where the hint came from. */
export interface OwnerHint {
  readonly source: "codeowners" | "git-author" | "config";
  /** Team, user or e-mail. */
  readonly value: string;
  readonly confidence: Confidence;
  /** The file or commit that gave the hint. */
  readonly evidence: string;
}

/** One distinct credential and everything known about it. */
export interface InventoryItem {
  /** Hash of the secret value alone: the same value anywhere is the same item. */
  readonly credentialId: string;
  readonly kind: CredentialKind;
  readonly provider: string;
  /** Rule ids that matched this value, most specific first. */
  readonly ruleIds: readonly string[];
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly nonExpiring: boolean;
  readonly preview: string;
  /** The raw value, present only with --show-secrets. */
  readonly secret?: string;
  /** Every occurrence, ordered by path and line. */
  readonly locations: readonly Finding[];
  readonly ownerHints: readonly OwnerHint[];
  /** Whether any location is in the working tree / HEAD. */
  readonly inHead: boolean;
  readonly checks: readonly CheckResult[];
  readonly grade: Grade;
}
