import { statSync } from "node:fs";
import { evaluateGate, validateFailOn } from "../checks/gate.js";
import { gradeOf } from "../checks/grade.js";
import { runChecks } from "../checks/index.js";
import { resolveConfig } from "../config/load.js";
import type { ConfigOverrides } from "../config/load.js";
import { GRADES } from "../model/check.js";
import type { InventoryItem } from "../model/inventory.js";
import type { ScanReport } from "../model/report.js";
import type { Confidence } from "../model/rule.js";
import { groupFindings } from "../inventory/build.js";
import { configOwners } from "../inventory/owners.js";
import { loadRules } from "../rules/load.js";
import { scanSources } from "../scan/scan.js";
import { fsSource } from "../sources/fs.js";
import { resolvePath } from "../util/path.js";
import { toolVersion } from "./version.js";

/** Options of a scan; every field is optional. */
export interface ScanOptions {
  /** Files or folders to scan; default the current folder. */
  readonly paths?: readonly string[];
  /** Folder relative paths are resolved from; default `process.cwd()`. */
  readonly cwd?: string;
  /** Config file; default `.nhiscan.yml` in the first target folder. */
  readonly config?: string;
  readonly failOn?: readonly string[];
  readonly maxFileSize?: number;
  readonly minConfidence?: Confidence;
  /** Put raw secrets into the report. Off by default. */
  readonly showSecrets?: boolean;
  /** HMAC key for credential ids; default NHISCAN_FINGERPRINT_KEY. */
  readonly fingerprintKey?: string;
  /** "Now" for age checks. */
  readonly now?: Date;
  /** Detection worker threads; 0 scans on the calling thread. Default: available cores. */
  readonly workers?: number;
  readonly signal?: AbortSignal;
}

/** Scans working trees and returns the graded inventory. */
export async function scan(options: ScanOptions = {}): Promise<ScanReport> {
  const started = Date.now();
  const cwd = options.cwd ?? process.cwd();
  const targets = options.paths === undefined || options.paths.length === 0 ? ["."] : [...options.paths];
  const roots = targets.map((t) => resolvePath(cwd, t));
  const overrides: ConfigOverrides = {
    ...(options.config === undefined ? {} : { configFile: options.config }),
    ...(options.failOn === undefined ? {} : { failOn: options.failOn }),
    ...(options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize }),
    ...(options.minConfidence === undefined ? {} : { minConfidence: options.minConfidence }),
  };
  const config = resolveConfig(roots[0] ?? cwd, overrides, cwd);
  validateFailOn(config.policy.failOn);
  const rules = loadRules({ extraDirs: config.ruleDirs, disabled: config.disabledRules });
  const displayRoot = roots.length === 1 && isDirectory(roots[0]) ? (roots[0] ?? cwd) : cwd;
  const sources = roots.map((target) => fsSource({ target, displayRoot, exclude: config.exclude, maxFileSize: config.maxFileSize }));
  const result = await scanSources(
    sources,
    {
      rules,
      config,
      showSecrets: options.showSecrets ?? false,
      fingerprintKey: options.fingerprintKey ?? process.env["NHISCAN_FINGERPRINT_KEY"],
    },
    {
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    },
  );
  const context = { policy: config.policy, now: options.now ?? new Date() };
  const items: InventoryItem[] = groupFindings(result.findings, configOwners(config.owners, config.file)).map((credential) => {
    const checks = runChecks(credential, context);
    return { ...credential, checks, ...gradeOf(checks) };
  });
  items.sort(worstFirst);
  return {
    schemaVersion: 1,
    tool: { name: "nhiscan", version: toolVersion() },
    scannedAt: new Date(started).toISOString(),
    targets,
    rules: rules.map((r) => ({ id: r.spec.id, hash: r.hash })),
    stats: {
      files: result.files,
      bytes: result.bytes,
      skipped: result.skipped,
      findings: result.findings.length,
      suppressed: result.suppressed,
      durationMs: Date.now() - started,
    },
    warnings: result.warnings,
    showSecrets: options.showSecrets ?? false,
    items,
    policy: evaluateGate(items, config.policy.failOn),
  };
}

function isDirectory(path: string | undefined): boolean {
  try {
    return path !== undefined && statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function worstFirst(a: InventoryItem, b: InventoryItem): number {
  return (
    GRADES.indexOf(b.grade) - GRADES.indexOf(a.grade) ||
    a.score - b.score ||
    (a.locations[0]?.path ?? "").localeCompare(b.locations[0]?.path ?? "") ||
    (a.locations[0]?.line ?? 0) - (b.locations[0]?.line ?? 0)
  );
}
