import { existsSync, statSync } from "node:fs";
import type { ScanTally } from "../scan/tally.js";
import { baseName, joinPath, resolvePath } from "../util/path.js";

/** Targets scanned together, with the folder their paths are relative to and their repository tag. */
export interface ScanUnit {
  /** Repository label of every location found, when the scan covers several repositories. */
  readonly repository: string | undefined;
  /** Absolute paths of the targets. */
  readonly roots: readonly string[];
  /** Paths in findings are relative to this folder. */
  readonly displayRoot: string;
}

/**
 * The plain paths of a scan: the current folder when neither paths nor repositories are given.
 * An empty repository list (an empty shard) is given, and scans nothing.
 */
export function plainPaths(paths: readonly string[] | undefined, repositories: readonly string[] | undefined): string[] {
  return (paths === undefined || paths.length === 0) && repositories === undefined ? ["."] : [...(paths ?? [])];
}

/**
 * Splits a scan into units. Each of `repositories` (from --repos-file), and each of several
 * `paths` that is a git working tree root, is its own repository: its paths are relative to
 * it and its locations are tagged with its name. Other paths are one unit, relative to the
 * target itself when there is one folder, else to `cwd` (folders of one tree).
 * When `repositories` is one shard of `allRepositories`, labels are chosen over all of them, so a
 * repository is tagged alike whichever shard scans it, and a one-repository shard is still tagged.
 */
export function planScanUnits(paths: readonly string[], repositories: readonly string[], cwd: string, allRepositories = repositories): ScanUnit[] {
  const several = paths.length + allRepositories.length > 1;
  const repoTargets = [...paths.filter((p) => several && isRepositoryRoot(resolvePath(cwd, p))), ...repositories];
  const plain = paths.filter((p) => !repoTargets.includes(p)).map((p) => resolvePath(cwd, p));
  const labelled = [...repoTargets.filter((t) => !allRepositories.includes(t)), ...allRepositories];
  const allLabels = repositoryLabels(labelled, cwd);
  const labels = repoTargets.map((t) => allLabels[labelled.indexOf(t)]);
  const units: ScanUnit[] = repoTargets.map((target, i) => ({
    repository: several ? labels[i] : undefined,
    roots: [resolvePath(cwd, target)],
    displayRoot: resolvePath(cwd, target),
  }));
  if (plain.length > 0) {
    const only = plain.length === 1 && units.length === 0 ? plain[0] : undefined;
    units.unshift({ repository: undefined, roots: plain, displayRoot: only !== undefined && isDirectory(only) ? only : cwd });
  }
  return units;
}

/** Folder names, or the paths as given where two folders share a name. */
function repositoryLabels(targets: readonly string[], cwd: string): string[] {
  const names = targets.map((t) => baseName(resolvePath(cwd, t)));
  return targets.map((t, i) => (names.filter((n) => n === names[i]).length > 1 ? t.replace(/\/+$/, "") : (names[i] ?? t)));
}

/** Tags every finding and warning of a tally with its repository. */
export function tagRepository(tally: ScanTally, repository: string | undefined): ScanTally {
  if (repository === undefined) return tally;
  return {
    ...tally,
    findings: tally.findings.map((f) => ({ ...f, repository })),
    suppressions: tally.suppressions.map((s) => ({ ...s, repository })),
    warnings: tally.warnings.map((w) => ({ ...w, repository })),
  };
}

function isRepositoryRoot(path: string): boolean {
  return isDirectory(path) && existsSync(joinPath(path, ".git"));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
