import nodePath from "node:path";
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Posix-normalised relative path from `root` to `target`; `.` for the root itself. */
export function toRelative(root: string, target: string): string {
  const rel = nodePath.relative(root, target);
  return rel === "" ? "." : rel.split(nodePath.sep).join("/");
}

/** Joins segments into a platform path. */
export function joinPath(...segments: string[]): string {
  return nodePath.join(...segments);
}

/** Absolute platform path. */
export function resolvePath(...segments: string[]): string {
  return nodePath.resolve(...segments);
}

/** Final segment of a path. */
export function baseName(path: string): string {
  return nodePath.basename(path);
}

/** Parent folder of a path. */
export function dirName(path: string): string {
  return nodePath.dirname(path);
}

/** Joins posix segments (repo-relative paths), dropping a leading `./`. */
export function joinPosix(dir: string, name: string): string {
  return dir === "." || dir === "" ? name : `${dir}/${name}`;
}

/** The folder holding the package (where `rules/` and `package.json` live). */
export function packageRoot(): string {
  // This file is dist/util/path.js once built, or src/util/path.ts under vitest.
  return nodePath.resolve(nodePath.dirname(fileURLToPath(import.meta.url)), "..", "..");
}

/** Whether `path` is `root` or below it, after resolving symbolic links of both (as far as they exist). */
export function isWithin(root: string, path: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return nodePath.resolve(p);
    }
  };
  const base = real(root);
  const target = real(path);
  return target === base || target.startsWith(base.endsWith(nodePath.sep) ? base : `${base}${nodePath.sep}`);
}
