import { readFileSync } from "node:fs";
import ignore from "ignore";
import type { Ignore } from "ignore";
import { globMatcher } from "../util/linear-match.js";
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
  readonly git: Ignore | undefined;
  readonly nhiscan: Ignore | undefined;
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
    const read = (files: readonly string[]): Ignore | undefined => {
      let matcher: Ignore | undefined;
      for (const name of files) {
        let text: string;
        try {
          text = readFileSync(joinPath(absDir, name), "utf8");
        } catch {
          continue;
        }
        matcher ??= ignore();
        matcher.add(text);
      }
      return matcher;
    };
    const git = read([...(names.includes(".gitignore") ? [".gitignore"] : []), ...extraFiles]);
    const nhiscan = read(names.includes(".nhiscanignore") ? [".nhiscanignore"] : []);
    if (git === undefined && nhiscan === undefined) return this;
    return new IgnoreRules([], [...this.layers, { base: relDir, git, nhiscan }], this.exclude);
  }

  /** What ignores a root-relative path (a folder when `isDir`), if anything does. */
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
      const result = matcher.test(isDir ? `${sub}/` : sub);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}
