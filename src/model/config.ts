import type { Confidence } from "./rule.js";

/** Lifecycle policy: thresholds for checks and what fails the build. */
export interface Policy {
  /** Committed-value age after which `rotation-age` fails. */
  readonly maxAgeDays: number;
  /** An author who committed within this many days counts as active. */
  readonly activeAuthorDays: number;
  /** A certificate expiring within this many days fails `certificate-validity`. */
  readonly certWarnDays: number;
  /** What fails the build, e.g. `finding`, `grade<C`, `missing-owner`, `severity>=high`. */
  readonly failOn: readonly string[];
}

/** Values that are never reported. */
export interface Allowlist {
  /** Globs of repo-relative paths whose findings are dropped. */
  readonly paths: readonly string[];
  /** Exact secret values to ignore. */
  readonly values: readonly string[];
  /** Regexes tested against the secret value. */
  readonly regexes: readonly string[];
  /** Case-insensitive substrings of the secret that mark it as a non-secret. */
  readonly stopwords: readonly string[];
}

/** `.nhiscan.yml` after validation and defaults, merged with flags. */
export interface ResolvedConfig {
  /** The config file used, if any. */
  readonly file: string | undefined;
  /** How reports name that file (e.g. `.nhiscan.yml at main`); default the file path. */
  readonly label?: string;
  /** Extra rule folders, resolved to absolute paths. */
  readonly ruleDirs: readonly string[];
  /** Rule ids not to run. */
  readonly disabledRules: readonly string[];
  /** Globs of paths not to scan at all. */
  readonly exclude: readonly string[];
  readonly allowlist: Allowlist;
  readonly policy: Policy;
  /** Fallback owners: glob → team, used where no CODEOWNERS entry matches. */
  readonly owners: Readonly<Record<string, string>>;
  /** Files larger than this are skipped. */
  readonly maxFileSize: number;
  readonly minConfidence: Confidence;
  /** Detector plugin files (absolute) named by an operator's --config; never set from a repository's own config. */
  readonly plugins?: readonly string[];
  /** Baseline file of accepted credentials, if any. */
  readonly baseline: string | undefined;
}
