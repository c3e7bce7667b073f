/** One CODEOWNERS line that owns a path: its pattern, owners and where it is. */
export interface CodeownersEntry {
  readonly pattern: string;
  /** `@user`, `@org/team`, `@@role` or e-mail addresses, as written. */
  readonly owners: readonly string[];
  /** 1-based line in the CODEOWNERS file. */
  readonly line: number;
  /** GitLab section name, when the line is in a named section. */
  readonly section?: string;
}

/** A CODEOWNERS line the host would reject or ignore. */
export interface CodeownersWarning {
  readonly line: number;
  readonly message: string;
}

/** A parsed CODEOWNERS file of either flavour. */
export interface CodeownersRules {
  /**
   * The entries whose owners own `path` (repository-relative, no leading slash): GitHub gives
   * at most one (the last match), GitLab one per section. Empty when nothing matches or the
   * deciding entry un-owns the path.
   */
  ownersOf(path: string): CodeownersEntry[];
  readonly warnings: readonly CodeownersWarning[];
}
