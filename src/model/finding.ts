import type { Confidence, CredentialKind, Severity } from "./rule.js";
import type { Provenance } from "./fragment.js";

/** A detector's raw output for one match, before filtering. Holds the raw secret. */
export interface Candidate {
  /** Rule or detector id that produced it. */
  readonly ruleId: string;
  readonly provider: string;
  readonly kind: CredentialKind;
  readonly severity: Severity;
  /** The raw secret value. Never leaves `scan/` unless --show-secrets. */
  readonly secret: string;
  /** Offsets of the secret in the fragment text. */
  readonly start: number;
  readonly end: number;
  readonly confidence: Confidence;
  /** Whether this credential format has no built-in expiry. */
  readonly nonExpiring: boolean;
  /** Extra structured facts: user, host, account id, key name, JWT claims… */
  readonly parts?: Readonly<Record<string, string>>;
}

/** One place a credential occurs, after filtering. Carries no raw secret unless --show-secrets. */
export interface Finding {
  readonly ruleId: string;
  readonly provider: string;
  readonly kind: CredentialKind;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly nonExpiring: boolean;
  /** A guessable value (a dictionary word, a default, short) under a credential name; absent otherwise. */
  readonly weak?: boolean;
  /** Hash of the secret value alone (HMAC when NHISCAN_FINGERPRINT_KEY is set). */
  readonly credentialId: string;
  /** Hash of rule, path and position: identifies this occurrence. */
  readonly matchId: string;
  /** Redacted form: a short prefix, the length and a hash fragment. */
  readonly preview: string;
  /** The raw value, present only with --show-secrets. */
  readonly secret?: string;
  /** Posix path relative to the target root. */
  readonly path: string;
  /** 1-based line and column of the secret's first character. */
  readonly line: number;
  readonly column: number;
  /** Shannon entropy of the secret, bits per character. */
  readonly entropy: number;
  readonly provenance: Provenance;
  readonly parts?: Readonly<Record<string, string>>;
  /** The repository this location belongs to, when a scan or a merged report covers several. */
  readonly repository?: string;
}
