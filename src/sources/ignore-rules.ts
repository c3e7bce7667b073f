import { readFileSync } from "node:fs";
import ignore from "ignore";
import type { Ignore } from "ignore";
import picomatch from "picomatch";
import { joinPath } from "../util/path.js";

/** Files whose gitignore-style patterns exclude paths below their folder. */
export const IGNORE_FILES = [".gitignore", ".nhiscanignore"] as const;

/** Gitignore matchers of one folder, with the folder's path relative to the root. */
interface Layer {
  readonly base: string;
  readonly matcher: Ignore;
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
    this.exclude = exclude ?? (excludeGlobs.length === 0 ? () => false : picomatch([...excludeGlobs], { dot: true }));
  }

  /**
   * The rules inside a folder: this stack plus the folder's own ignore files, if `names` (the
   * folder's entries) holds any, and `extraFiles` (paths relative to the folder) when they exist.
   */
  enter(absDir: string, relDir: string, names: readonly string[], extraFiles: readonly string[] = []): IgnoreRules {
    let matcher: Ignore | undefined;
    const present = IGNORE_FILES.filter((name) => names.includes(name));
    for (const name of [...present, ...extraFiles]) {
      let text: string;
      try {
        text = readFileSync(joinPath(absDir, name), "utf8");
      } catch {
        continue;
      }
      matcher ??= ignore();
      matcher.add(text);
    }
    if (matcher === undefined) return this;
    return new IgnoreRules([], [...this.layers, { base: relDir, matcher }], this.exclude);
  }

  /** Whether a root-relative path (a folder when `isDir`) is ignored. */
  ignores(relPath: string, isDir: boolean): boolean {
    if (this.exclude(relPath) || (isDir && this.exclude(`${relPath}/`))) return true;
    let ignored = false;
    for (const { base, matcher } of this.layers) {
      const sub = base === "." ? relPath : relPath.startsWith(`${base}/`) ? relPath.slice(base.length + 1) : undefined;
      if (sub === undefined) continue;
      const result = matcher.test(isDir ? `${sub}/` : sub);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}
