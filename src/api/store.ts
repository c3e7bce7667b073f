import { existsSync, realpathSync } from "node:fs";
import type { HistoryState } from "../model/history-state.js";
import { readHistorySizes, readHistoryStates } from "../store/history.js";
import type { RepositoryEntry } from "../model/plan.js";
import { repositoryKey } from "./history-memory.js";
import { resolveConfig } from "../config/load.js";
import type { CommitInfo } from "../model/fragment.js";
import type { ScanReport } from "../model/report.js";
import { readBaseline } from "../inventory/baseline.js";
import type { BaselineStatus } from "../model/baseline.js";
import { loadRules } from "../rules/load.js";
import { storeLocation } from "../store/location.js";
import { withStore } from "../store/open.js";
import { goneCredentials, recordScan } from "../store/record.js";
import type { GoneCredential, RecordResult } from "../store/record.js";
import { resolvePath } from "../util/path.js";
import { gitModeOf } from "./git-mode.js";
import { credentialIdDetector, findRemovingCommit } from "./removal.js";
import type { ScanOptions } from "./scan.js";
import { plainPaths, planScanUnits } from "./targets.js";
import { toolVersion } from "./version.js";

/**
 * Records a finished scan in the store `store` names (an SQLite file, created on first use, or a
 * `postgres://` connection string). For a working-tree scan
 * of a git repository, each credential the target held before and no longer holds is looked up
 * in the history of its path for the commit that removed it.
 */
export async function recordInStore(store: string, report: ScanReport, options: ScanOptions, history: readonly HistoryState[] = []): Promise<RecordResult> {
  const cwd = options.cwd ?? process.cwd();
  const mode = gitModeOf(options);
  const repositories = options.repositories ?? [];
  const paths = plainPaths(options.paths, options.repositories);
  const roots = [...paths, ...repositories].map((t) => canonical(resolvePath(cwd, t)));
  const context = {
    target: [...new Set(roots)].sort().join(", "),
    targets: report.targets,
    mode: mode === undefined ? "working-tree" : mode.kind === "range" ? mode.flag.slice(2) : mode.kind,
    complete: mode === undefined || mode.kind === "history",
    toolVersion: toolVersion(),
    baseline: baselineOf(paths, repositories, cwd, options),
    history,
  };
  return withStore(
    storeLocation(store, (file) => resolvePath(cwd, file)),
    { create: true },
    async (opened) => {
      const gone = await goneCredentials(opened, report, context);
      const removals =
        mode === undefined && gone.length > 0 ? await lookUpRemovals(gone, paths, repositories, cwd, options) : new Map<string, CommitInfo | undefined>();
      return recordScan(opened, report, context, removals);
    },
  );
}

/**
 * Opens the store a scan will record into (creating it), before the scan: a corrupt, foreign or
 * unreachable store is an error before the work, not after a whole scan has been printed.
 */
export async function checkStore(store: string, cwd: string): Promise<void> {
  await withStore(
    storeLocation(store, (file) => resolvePath(cwd, file)),
    { create: true },
    async () => undefined,
  );
}

/**
 * What the last history scans of the scan's repositories left (`--history --incremental`), by
 * repository; empty when the store does not exist yet.
 */
export async function readHistoryMemory(store: string, options: ScanOptions): Promise<Map<string, HistoryState>> {
  const cwd = options.cwd ?? process.cwd();
  const roots = [...plainPaths(options.paths, options.repositories), ...(options.repositories ?? [])].map((t) => repositoryKey(resolvePath(cwd, t)));
  const location = storeLocation(store, (file) => resolvePath(cwd, file));
  if (location.kind === "sqlite" && !existsSync(location.file)) return new Map();
  // The scan records into it next: a PostgreSQL database without the schema gets it now.
  return withStore(location, { create: true }, (opened) => readHistoryStates(opened, roots));
}

/**
 * Entries of a repos file with the sizes a store measured filled in where the file gives none
 * (`plan --store`): the bytes of each repository's history at its last `--history` scan.
 */
export async function withMeasuredSizes(store: string, entries: readonly RepositoryEntry[], cwd: string): Promise<RepositoryEntry[]> {
  const location = storeLocation(store, (file) => resolvePath(cwd, file));
  const keys = entries.map((e) => repositoryKey(resolvePath(cwd, e.path)));
  const sizes = await withStore(location, { create: false }, (opened) => readHistorySizes(opened, keys));
  return entries.map((entry, i) => {
    const measured = sizes.get(keys[i] ?? "");
    return entry.size !== undefined || measured === undefined ? entry : { ...entry, size: measured };
  });
}

/** The removing commit of each gone credential, from the history of the paths it was last seen at. */
async function lookUpRemovals(
  gone: readonly GoneCredential[],
  paths: readonly string[],
  repositories: readonly string[],
  cwd: string,
  options: ScanOptions,
): Promise<Map<string, CommitInfo | undefined>> {
  const units = planScanUnits(paths, repositories, cwd, options.allRepositories);
  const config = resolveConfig(units[0]?.roots[0] ?? cwd, options.config === undefined ? {} : { configFile: options.config }, cwd);
  const rules = loadRules({ extraDirs: config.ruleDirs, disabled: config.disabledRules });
  const idsOf = credentialIdDetector({ rules, config, showSecrets: false, fingerprintKey: options.fingerprintKey ?? process.env["NHISCAN_FINGERPRINT_KEY"] });
  const removals = new Map<string, CommitInfo | undefined>();
  for (const credential of gone) {
    let newest: CommitInfo | undefined;
    for (const location of credential.locations) {
      const unit = units.find((u) => (u.repository ?? null) === location.repository);
      if (unit === undefined) continue;
      const found = await findRemovingCommit(canonical(unit.displayRoot), location.path, credential.credentialId, idsOf);
      if (found !== undefined && (newest === undefined || Date.parse(found.date) > Date.parse(newest.date))) newest = found;
    }
    removals.set(credential.credentialId, newest);
  }
  return removals;
}

/** The baseline the scan applied (flag, else config), by credential id; empty when none. */
function baselineOf(paths: readonly string[], repositories: readonly string[], cwd: string, options: ScanOptions): Map<string, BaselineStatus | undefined> {
  if (options.baseline === false) return new Map();
  const root = planScanUnits(paths, repositories, cwd)[0]?.roots[0] ?? cwd;
  const file =
    typeof options.baseline === "string"
      ? resolvePath(cwd, options.baseline)
      : resolveConfig(root, options.config === undefined ? {} : { configFile: options.config }, cwd).baseline;
  if (file === undefined) return new Map();
  return new Map(readBaseline(file).entries.map((e) => [e.credentialId, e.status]));
}

/** The real path, so a target named through a symlink is the same target (and matches git's top level). */
function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
