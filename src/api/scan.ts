import { evaluateGate, validateFailOn } from "../checks/gate.js";
import type { ConfigOverrides } from "../config/load.js";
import type { InventoryItem } from "../model/inventory.js";
import type { RuleSummary, ScanReport } from "../model/report.js";
import type { EngineName } from "../model/engine.js";
import type { CompiledRule, Confidence } from "../model/rule.js";
import { resolveEngine } from "../engine/engine.js";
import { groupFindings } from "../inventory/build.js";
import { applyBaseline, isRetired, readBaseline } from "../inventory/baseline.js";
import { daysBefore } from "../inventory/lifecycle.js";
import { exposureDays } from "../inventory/exposure.js";
import { describeLocations } from "../inventory/locations.js";
import type { InventoryRoot } from "../inventory/locations.js";
import { summarizeInventory } from "../checks/summary.js";
import { gradeCredential, worstFirst } from "../checks/index.js";
import { loadRules } from "../rules/load.js";
import { checkAllowlistRegexes } from "../rules/regex-safety.js";
import { redactKnownSecrets } from "../report/redact-known.js";
import { redact } from "../scan/redact.js";
import { scanSources } from "../scan/scan.js";
import type { ScanRunOptions, ScanSettings } from "../scan/scan.js";
import { emptyTally, mergeTally, sortTally } from "../scan/tally.js";
import type { ScanTally } from "../scan/tally.js";
import { fsSource } from "../sources/fs.js";
import type { ResolvedConfig } from "../model/config.js";
import type { Finding } from "../model/finding.js";
import type { Suppression } from "../model/report.js";
import { secretFingerprint } from "../util/hash.js";
import { baseName, resolvePath } from "../util/path.js";
import type { Plugin } from "../detectors/plugin-load.js";
import { planTrust } from "./trust.js";
import type { TrustPlan, UnitTrust } from "./trust.js";
import { gitModeOf, scanGitRepositories } from "./git-mode.js";
import type { GitMode, ScanProgress } from "./git-mode.js";
import type { HistoryMemory } from "./history-memory.js";
import type { HistoryState } from "../model/history-state.js";
import { historyFingerprint, repositoryKey } from "./history-memory.js";
import { plainPaths, planScanUnits, tagRepository } from "./targets.js";
import type { ScanUnit } from "./targets.js";
import { toolVersion } from "./version.js";

export type { ScanProgress } from "./git-mode.js";

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
  /** Longest detection may take on one file, on any thread, before the file is skipped as `timeout`. Default 30 s. */
  readonly fileTimeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Baseline file of accepted credentials; overrides the config's `baseline:`. `false` ignores any baseline. */
  readonly baseline?: string | false;
  /** Targets that are each a repository (`--repos-file`): paths relative to each, locations tagged. */
  readonly repositories?: readonly string[];
  /** Every repository of the organisation when `repositories` is one shard of it: labels are chosen over all. */
  readonly allRepositories?: readonly string[];
  /** Scan every blob reachable from any ref or stash, each distinct blob once, instead of the working tree. */
  readonly history?: boolean;
  /** Scan only the blobs that commits in REV..HEAD introduced (CI on a pull request). */
  readonly since?: string;
  /** Scan only the blobs that commits in A..B introduced. */
  readonly range?: string;
  /** Scan the staged index content; only findings on added or changed lines are kept (pre-commit). */
  readonly staged?: boolean;
  /** Detector plugin files (ES modules) to load, relative to `cwd`: the operator's code, never the scanned repository's. */
  readonly plugins?: readonly string[];
  /** Organisation scans: apply each repository's own `.nhiscan.yml` (ignored by default). */
  readonly trustRepoConfig?: boolean;
  /**
   * History scans: the state each repository's last scan left, and where this scan leaves its
   * own. With `incremental`, a repository whose history only grew reads only its new commits.
   */
  readonly historyMemory?: HistoryMemoryOptions;
  /** Called as the scan advances; the CLI prints it. */
  readonly onProgress?: (progress: ScanProgress) => void;
  /** Match engine of the keyword pass; default NHISCAN_ENGINE, else Vectorscan where built, else js. Same report either way. */
  readonly engine?: EngineName;
}

/** Where history scans find and leave their state (`HistoryState`), by repository. */
export interface HistoryMemoryOptions {
  /** Use the earlier state: read only the new commits where the history only grew. */
  readonly incremental: boolean;
  readonly prior: (repository: string) => HistoryState | undefined;
  readonly save: (state: HistoryState) => void;
}

/** Scans working trees and returns the graded inventory. */
export async function scan(options: ScanOptions = {}): Promise<ScanReport> {
  const started = Date.now();
  const cwd = options.cwd ?? process.cwd();
  const gitMode = gitModeOf(options);
  const repositories = options.repositories ?? [];
  const paths = plainPaths(options.paths, options.repositories);
  const targets = [...paths, ...repositories];
  const roots = targets.map((t) => resolvePath(cwd, t));
  const units = planScanUnits(paths, repositories, cwd, options.allRepositories);
  const trust = await planTrust({
    units,
    root: roots[0] ?? cwd,
    cwd,
    overrides: configOverrides(options, cwd),
    gitMode,
    organisation: options.repositories !== undefined,
    trustRepoConfig: options.trustRepoConfig === true,
  });
  const { config } = trust;
  validateFailOn(config.policy.failOn);
  const baseline = config.baseline === undefined || options.baseline === false ? undefined : readBaseline(config.baseline);
  checkAllowlistRegexes(config.allowlist.regexes, config.label ?? config.file ?? "config");
  const rules = loadRules({ extraDirs: config.ruleDirs, disabled: config.disabledRules });
  const pluginFiles = [...(options.plugins ?? []).map((file) => resolvePath(cwd, file)), ...(config.plugins ?? [])];
  const plugins = pluginFiles.length === 0 ? [] : await (await import("../detectors/plugin-load.js")).loadPlugins(pluginFiles);
  const settings = {
    rules,
    plugins,
    config,
    showSecrets: options.showSecrets ?? false,
    fingerprintKey: options.fingerprintKey ?? process.env["NHISCAN_FINGERPRINT_KEY"],
    engine: resolveEngine(options.engine),
  };
  const runOptions = {
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.fileTimeoutMs === undefined ? {} : { fragmentBudgetMs: options.fileTimeoutMs }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  };
  const memoryOf = gitMode?.kind === "history" && options.historyMemory !== undefined ? unitMemory(options.historyMemory) : undefined;
  const result = await scanTargets(units, unitSettings(settings, trust), runOptions, gitMode, memoryOf);
  if (gitMode !== undefined) sortTally(result);
  const context = { policy: config.policy, now: options.now ?? new Date() };
  const located = await describeLocations(result.findings, inventoryRoots(units, gitMode), {
    owners: config.owners,
    configFile: config.file,
    fingerprintKey: settings.fingerprintKey,
    activeSince: daysBefore(context.now, config.policy.activeAuthorDays),
    ageHorizon: daysBefore(context.now, config.policy.maxAgeDays),
  });
  const credentials = groupFindings(located.findings, located);
  const accepted = baseline === undefined ? undefined : applyBaseline(credentials, baseline);
  const suppressions = [...result.suppressions.map(({ lineHash: _hash, ...s }) => s), ...baselineSuppressions(accepted?.dropped ?? [], config.baseline)];
  const items: InventoryItem[] = (accepted?.kept ?? credentials).map((credential) => withExposure(gradeCredential(credential, context), context.now));
  items.sort(worstFirst);
  const foundBy = new Set(items.flatMap((item) => item.ruleIds));
  const report: ScanReport = {
    schemaVersion: 1,
    tool: { name: "nhiscan", version: toolVersion() },
    scannedAt: new Date(started).toISOString(),
    targets,
    rules: [...rules.map((r) => ruleSummary(r, foundBy)), ...plugins.flatMap((p) => pluginRuleSummaries(p))],
    stats: {
      files: result.files,
      unit: gitMode?.kind === "history" || gitMode?.kind === "range" ? "blobs" : "files",
      bytes: result.bytes,
      skipped: result.skipped,
      findings: result.findings.length - (accepted?.suppressed ?? 0),
      suppressed: accepted === undefined ? result.suppressed : { ...result.suppressed, baseline: accepted.suppressed },
      durationMs: Date.now() - started,
    },
    warnings: [...trust.warnings, ...result.warnings, ...located.warnings],
    showSecrets: options.showSecrets ?? false,
    items,
    suppressions,
    policy: evaluateGate(
      items.filter((i) => !isRetired(i, context.now)),
      config.policy.failOn,
      suppressions,
    ),
    summary: summarizeInventory(items),
  };
  // An author name, path or other repository text that holds a found value is redacted like the value itself.
  if (settings.showSecrets) return report;
  return redactKnownSecrets(report, result.secretValues, (secret) => redact(secret, secretFingerprint(secret, settings.fingerprintKey)));
}

/** The item with its exposure days, when its introducing commit is known. */
function withExposure(item: InventoryItem, now: Date): InventoryItem {
  const days = exposureDays(item, now);
  return days === undefined ? item : { ...item, exposureDays: days };
}

/** The folder each unit's paths are relative to: where its CODEOWNERS and commits are looked up. */
function inventoryRoots(units: readonly ScanUnit[], gitMode: GitMode | undefined): InventoryRoot[] {
  return units.map((u) => ({ repository: u.repository, displayRoot: u.displayRoot, repoRelative: gitMode !== undefined }));
}

/** The flags that override the config file. */
function configOverrides(options: ScanOptions, cwd: string): ConfigOverrides {
  return {
    ...(options.config === undefined ? {} : { configFile: options.config }),
    ...(options.failOn === undefined ? {} : { failOn: options.failOn }),
    ...(options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize }),
    ...(options.minConfidence === undefined ? {} : { minConfidence: options.minConfidence }),
    ...(typeof options.baseline === "string" ? { baseline: resolvePath(cwd, options.baseline) } : {}),
  };
}

/** Each unit's settings and trust: its own config (rules loaded once per distinct config). */
function unitSettings(settings: ScanSettings, trust: TrustPlan): (unit: ScanUnit) => { settings: ScanSettings; trust: UnitTrust | undefined } {
  const rulesOf = new Map<ResolvedConfig, readonly CompiledRule[]>([[settings.config, settings.rules]]);
  return (unit) => {
    const own = trust.units.get(unit);
    if (own === undefined) return { settings, trust: undefined };
    let rules = rulesOf.get(own.config);
    if (rules === undefined) {
      checkAllowlistRegexes(own.config.allowlist.regexes, own.config.file ?? "config");
      rules = loadRules({ extraDirs: own.config.ruleDirs, disabled: own.config.disabledRules });
      rulesOf.set(own.config, rules);
    }
    return { settings: { ...settings, config: own.config, rules }, trust: own };
  };
}

/** Scans each unit (one per repository when there are several) and tags its findings. */
async function scanTargets(
  units: readonly ScanUnit[],
  settingsOf: (unit: ScanUnit) => { settings: ScanSettings; trust: UnitTrust | undefined },
  runOptions: ScanRunOptions,
  gitMode?: GitMode,
  memoryOf?: (unit: ScanUnit, settings: ScanSettings) => HistoryMemory | undefined,
): Promise<ScanTally> {
  const result = emptyTally();
  for (const unit of units) {
    const { displayRoot } = unit;
    const { settings, trust } = settingsOf(unit);
    const { config } = settings;
    const repositoryIgnores = trust?.repositoryIgnores ?? true;
    const sources = unit.roots.map((target) => fsSource({ target, displayRoot, exclude: config.exclude, maxFileSize: config.maxFileSize, repositoryIgnores }));
    const tally =
      gitMode === undefined
        ? await scanSources(sources, settings, runOptions)
        : await scanGitRepositories(gitMode, unit.roots, settings, runOptions, trust, memoryOf?.(unit, settings));
    mergeTally(result, tagRepository(tally, unit.repository));
  }
  return result;
}

/** The history memory of a unit of one repository: its key, its earlier state (when incremental) and its fingerprint. */
function unitMemory(options: HistoryMemoryOptions): (unit: ScanUnit, settings: ScanSettings) => HistoryMemory | undefined {
  return (unit, settings) => {
    const [root] = unit.roots;
    if (root === undefined || unit.roots.length !== 1) return undefined;
    const repository = repositoryKey(root);
    // Kept findings hold no raw secret: a --show-secrets scan reads everything again.
    const prior = options.incremental && !settings.showSecrets ? options.prior(repository) : undefined;
    return { repository, prior, fingerprint: historyFingerprint(settings), save: options.save };
  };
}

/** Each location of a credential the baseline accepted, listed as a suppression. */
function baselineSuppressions(dropped: readonly { readonly locations: readonly Finding[] }[], file: string | undefined): Suppression[] {
  return dropped.flatMap((credential) =>
    credential.locations.map((l) => ({
      path: l.path,
      line: l.line,
      ruleId: l.ruleId,
      credentialId: l.credentialId,
      reason: "baseline",
      source: file === undefined ? "baseline" : `baseline ${baseName(file)}`,
      ...(l.repository === undefined ? {} : { repository: l.repository }),
    })),
  );
}

/** A plugin's detectors as rules: id, hash, the plugin's name, and display metadata. */
function pluginRuleSummaries(plugin: Plugin): RuleSummary[] {
  return plugin.detectors.map((d) => ({
    id: d.id,
    hash: plugin.hash,
    name: d.name,
    provider: d.provider,
    kind: d.kind,
    severity: d.severity,
    confidence: "high",
    plugin: plugin.name,
  }));
}

/** A rule's id and hash, with display metadata for the rules that found something (SARIF rule entries). */
function ruleSummary(rule: CompiledRule, foundBy: ReadonlySet<string>): RuleSummary {
  const { id, name, provider, kind, severity, confidence } = rule.spec;
  return foundBy.has(id) ? { id, hash: rule.hash, name, provider, kind, severity, confidence } : { id, hash: rule.hash };
}
