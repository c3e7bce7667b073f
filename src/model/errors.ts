/** A known failure with a one-line message, a hint and an exit code. */
export class NhiscanError extends Error {
  /** Machine-readable code, e.g. `config-invalid`. */
  readonly code: string;
  /** Exit code: 2 for usage, config and input errors, 3 for runtime errors. */
  readonly exitCode: 2 | 3;
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: { exitCode?: 2 | 3; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = options.exitCode ?? 2;
    this.hint = options.hint;
  }
}

/** `.nhiscan.yml` or a flag is invalid. */
export class ConfigError extends NhiscanError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super("config-invalid", message, options);
  }
}

/** A rule file is invalid. */
export class RuleError extends NhiscanError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super("rule-invalid", message, options);
  }
}

/** A target path is missing or not what the mode needs. */
export class InputError extends NhiscanError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super("input-invalid", message, options);
  }
}

/** A git command failed: a broken repository is a runtime error. */
export class GitError extends NhiscanError {
  constructor(message: string, options: { hint?: string; cause?: unknown; exitCode?: 2 | 3 } = {}) {
    super("git-failed", message, { ...options, exitCode: options.exitCode ?? 3 });
  }
}

/** The inventory store (`--store`) cannot be used: corrupt, newer, locked, unwritable. The message names the file. */
export class StoreError extends NhiscanError {
  constructor(message: string, options: { hint?: string; cause?: unknown; exitCode?: 2 | 3 } = {}) {
    super("store-invalid", message, { ...options, exitCode: options.exitCode ?? 3 });
  }
}
