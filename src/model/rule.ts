/** What kind of credential a rule or detector finds. */
export const CREDENTIAL_KINDS = [
  "api-key",
  "token",
  "private-key",
  "certificate",
  "password",
  "connection-string",
  "webhook",
  "managed-reference",
  /** A crackable password hash (crypt family, LDAP `{SSHA}`, Django, MySQL, NTLM…): never fine in a repository. */
  "password-hash",
  /** A credential stored encrypted with a key kept elsewhere (e.g. Firefox `logins.json`): decryptable by whoever holds that key. */
  "encrypted-credential",
] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** How sure we are that a candidate is a real credential. */
export const CONFIDENCES = ["low", "medium", "high"] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Offline validators a rule may name; each checks structure or a checksum without network access. */
export const VALIDATORS = ["github-crc32", "npm-crc32", "aws-access-key-id", "jwt", "pem"] as const;
export type ValidatorId = (typeof VALIDATORS)[number];

/** A positive example: the input, and optionally the exact secret the rule must capture from it. */
export interface RuleExample {
  /** Text the rule must match exactly once. */
  readonly input: string;
  /** The value the secret group must capture; defaults to "any non-empty capture". */
  readonly secret?: string;
}

/** A rule as written in `rules/*.yaml`, after validation. */
export interface RuleSpec {
  /** Kebab-case id with a provider prefix, e.g. `github-classic-pat`. Unique across all rule files. */
  readonly id: string;
  /** Human-readable name, e.g. "GitHub personal access token (classic)". */
  readonly name: string;
  /** Provider the credential belongs to, e.g. `github`. */
  readonly provider: string;
  /** Kind of credential. */
  readonly kind: CredentialKind;
  /** JavaScript regular expression with exactly one capture group (or a named group `secret`). */
  readonly pattern: string;
  /** Extra regex flags, a subset of `imsu`. */
  readonly flags: string;
  /** Literals of which at least one must occur (case-insensitively) before the regex runs. */
  readonly keywords: readonly string[];
  /** Minimum Shannon entropy (bits per char) of the secret; below it the match is dropped. */
  readonly entropy?: number;
  /** Offline validator that raises confidence when it passes and drops the match when it fails. */
  readonly validator?: ValidatorId;
  /** Confidence of a match that has no validator, or whose validator does not apply. */
  readonly confidence: Confidence;
  /** Severity of a leak of this credential. */
  readonly severity: Severity;
  /** Whether the credential format never expires on its own (e.g. classic tokens). */
  readonly nonExpiring: boolean;
  /** Documentation of the format. */
  readonly references: readonly string[];
  /** Inputs that must match, each exactly once. */
  readonly examples: readonly RuleExample[];
  /** Inputs that must not match. */
  readonly negativeExamples: readonly string[];
  /**
   * Compiled from a provider catalogue entry (`rules/catalogue/*.yaml`): its counter-examples
   * may match the shape if the value model drops them (placeholders), and `rules list` counts it.
   */
  readonly catalogue?: boolean;
}

/** A rule ready to run: the spec plus its compiled regex. */
export interface CompiledRule {
  readonly spec: RuleSpec;
  /** Global regex compiled from `spec.pattern`. */
  readonly regex: RegExp;
  /** Index of the secret capture group, or the group name. */
  readonly secretGroup: number | string;
  /** Lower-cased keywords. */
  readonly keywords: readonly string[];
  /** File the rule came from, for error messages. */
  readonly source: string;
  /** Short hash of the pattern: changes when the rule's matching changes. */
  readonly hash: string;
}
