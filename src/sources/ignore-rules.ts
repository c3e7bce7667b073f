import { readFileSync } from "node:fs";
import { globMatcher, globSource, linearRegex } from "../util/linear-match.js";
import { joinPath } from "../util/path.js";

/** Files whose gitignore-style patterns exclude paths below their folder. */
export const IGNORE_FILES = [".gitignore", ".nhiscanignore"] as const;

/**
 * What left a path out: git's ignore files (`.gitignore`, `.git/info/exclude`), which cannot hide
 * a tracked file, nhiscan's own `.nhiscanignore`, or the config's `exclude` globs.
 */
export type IgnoredBy = ".gitignore" | ".nhiscanignore" | "exclude";

/** Gitignore matchers of one folder (git's files and nhiscan's apart), with the folder's path relative to the root. */
interface Layer {
  readonly base: string;
  readonly git: GitignoreMatcher | undefined;
  readonly nhiscan: GitignoreMatcher | undefined;
}

/**
 * The ignore state while walking: a stack of per-folder gitignore layers plus the config's
 * exclude globs, matched against root-relative posix paths.
 */
export class IgnoreRules {
  private readonly exclude: (path: string) => boolean;
  private readonly layers: readonly Layer[];

  constructor(excludeGlobs: readonly string[], layers: readonly Layer[] = [], exclude?: (path: string) => boolean) {
    this.layers = layers;
    this.exclude = exclude ?? globMatcher(excludeGlobs);
  }

  /**
   * The rules inside a folder: this stack plus the folder's own ignore files, if `names` (the
   * folder's entries) holds any, and `extraFiles` (git's, relative to the folder) when they exist.
   */
  enter(absDir: string, relDir: string, names: readonly string[], extraFiles: readonly string[] = []): IgnoreRules {
    const read = (files: readonly string[]): GitignoreMatcher | undefined => {
      let matcher: GitignoreMatcher | undefined;
      for (const name of files) {
        let text: string;
        try {
          text = readFileSync(joinPath(absDir, name), "utf8");
        } catch {
          continue;
        }
        matcher ??= new GitignoreMatcher();
        matcher.add(text);
      }
      return matcher;
    };
    const git = read([...(names.includes(".gitignore") ? [".gitignore"] : []), ...extraFiles]);
    const nhiscan = read(names.includes(".nhiscanignore") ? [".nhiscanignore"] : []);
    if (git === undefined && nhiscan === undefined) return this;
    return new IgnoreRules([], [...this.layers, { base: relDir, git, nhiscan }], this.exclude);
  }

  /** What ignores a root-relative path (a folder when `isDir`), if anything does; its folders are the caller's to have tested. */
  ignoredBy(relPath: string, isDir: boolean): IgnoredBy | undefined {
    if (this.exclude(relPath) || (isDir && this.exclude(`${relPath}/`))) return "exclude";
    if (this.test(relPath, isDir, "nhiscan")) return ".nhiscanignore";
    if (this.test(relPath, isDir, "git")) return ".gitignore";
    return undefined;
  }

  private test(relPath: string, isDir: boolean, kind: "git" | "nhiscan"): boolean {
    let ignored = false;
    for (const layer of this.layers) {
      const matcher = layer[kind];
      if (matcher === undefined) continue;
      const { base } = layer;
      const sub = base === "." ? relPath : relPath.startsWith(`${base}/`) ? relPath.slice(base.length + 1) : undefined;
      if (sub === undefined) continue;
      const result = matcher.test(sub, isDir, false);
      if (result !== undefined) ignored = result;
    }
    return ignored;
  }
}

interface GitignoreRule {
  readonly regex: RegExp;
  readonly negated: boolean;
  readonly dirOnly: boolean;
}

/**
 * Gitignore patterns (gitignore(5)) matched in linear time: each line becomes a regex for V8's
 * non-backtracking engine (the `ignore` package's backtracking regexes hung on
 * `a/**\/a/**\/a/**\/b` against a deep path). The last matching line decides; a path below an
 * ignored folder is ignored with it.
 */
export class GitignoreMatcher {
  private readonly rules: GitignoreRule[] = [];

  /** Adds the lines of an ignore file. */
  add(text: string): this {
    for (const raw of text.split(/\r?\n/)) {
      const rule = parseLine(raw);
      if (rule !== undefined) this.rules.push(rule);
    }
    return this;
  }

  /**
   * True (ignored), false (re-included by a `!` line) or undefined (no line matches). With
   * `parents`, a folder above `path` that is ignored ignores it too; a walk that tests each
   * folder before entering it passes false (checking every parent again costs depth squared).
   */
  test(path: string, isDir: boolean, parents = true): boolean | undefined {
    if (parents) {
      for (let slash = path.indexOf("/"); slash > 0; slash = path.indexOf("/", slash + 1)) {
        if (this.decide(path.slice(0, slash), true) === true) return true;
      }
    }
    return this.decide(path, isDir);
  }

  /** Whether `path` is ignored by these lines alone (a file unless it ends with `/`). */
  ignores(path: string): boolean {
    const isDir = path.endsWith("/");
    return this.test(isDir ? path.slice(0, -1) : path, isDir) === true;
  }

  private decide(path: string, isDir: boolean): boolean | undefined {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i];
      if (rule === undefined || (rule.dirOnly && !isDir) || !rule.regex.test(path)) continue;
      return !rule.negated;
    }
    return undefined;
  }
}

function parseLine(raw: string): GitignoreRule | undefined {
  // Trailing blanks are dropped unless escaped.
  let line = raw.replace(/(?<!\\)[ \t]+$/, "");
  if (line === "" || line.startsWith("#")) return undefined;
  const negated = line.startsWith("!");
  if (negated) line = line.slice(1);
  else if (line.startsWith("\\!") || line.startsWith("\\#")) line = line.slice(1);
  const dirOnly = line.endsWith("/");
  if (dirOnly) line = line.slice(0, -1);
  if (line === "") return undefined;
  // A slash at the start or in the middle anchors the pattern at the ignore file's folder.
  const anchored = line.includes("/");
  const body = globSource(line.replace(/^\//, ""), "gitignore");
  try {
    return { regex: linearRegex(anchored ? `^${body}$` : `^(?:.*/)?${body}$`), negated, dirOnly };
  } catch {
    // A line the engine cannot take (a malformed class) matches nothing, as git skips bad patterns.
    return undefined;
  }
}
