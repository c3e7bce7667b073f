import { existsSync } from "node:fs";
import { applyOverrides, CONFIG_NAMES, findConfigFile, parseConfigText, readConfigFile, resolveConfig } from "../config/load.js";
import { CONFIG_DEFAULTS } from "../config/schema.js";
import type { ConfigOverrides, LoadedConfig } from "../config/load.js";
import type { ResolvedConfig } from "../model/config.js";
import type { ScanWarning } from "../model/report.js";
import { GitignoreMatcher } from "../sources/ignore-rules.js";
import type { RangeEnds } from "../sources/git-revision.js";
import { baseName, joinPath } from "../util/path.js";
import type { GitMode } from "./git-mode.js";
import type { ScanUnit } from "./targets.js";

const IGNORE_FILE = ".nhiscanignore";

/** What a unit is scanned with: its config and, in a pull-request scan, the base's ignore rules. */
export interface UnitTrust {
  readonly config: ResolvedConfig;
  /** Whether the unit's own `.nhiscanignore` files apply to a working-tree walk. */
  readonly repositoryIgnores: boolean;
  /** Pull-request scans: paths the base revision's `.nhiscanignore` excludes. */
  readonly ignoredAtBase?: (path: string) => boolean;
  /** Pull-request scans: the base revision, for telling which inline suppressions the range added. */
  readonly range?: RangeEnds;
}

/** Whose configuration counts: the config for policy and owners, each unit's, and the caveats. */
export interface TrustPlan {
  readonly config: ResolvedConfig;
  readonly units: ReadonlyMap<ScanUnit, UnitTrust>;
  readonly warnings: ScanWarning[];
}

/** How a scan was asked for, as far as trust goes. */
export interface TrustRequest {
  readonly units: readonly ScanUnit[];
  /** The first target (plain scans read its `.nhiscan.yml`). */
  readonly root: string;
  readonly cwd: string;
  readonly overrides: ConfigOverrides;
  readonly gitMode: GitMode | undefined;
  /** `--repos-file` was given: an organisation scan even of one repository. */
  readonly organisation: boolean;
  /** `--trust-repo-config`: apply each repository's own config in an organisation scan. */
  readonly trustRepoConfig: boolean;
}

/**
 * Decides whose configuration counts. The operator's (`--config`, flags) always applies. A
 * repository's own `.nhiscan.yml` applies to a plain scan of its working tree; it is ignored in
 * organisation scans (several repositories) unless trusted; in pull-request scans it, and
 * `.nhiscanignore`, are read from the base revision, so the change cannot weaken its own gate.
 * A repository's `plugins:` are never loaded.
 */
export async function planTrust(request: TrustRequest): Promise<TrustPlan> {
  const { units, overrides, cwd } = request;
  const warnings: ScanWarning[] = [];
  const organisation = request.organisation || units.some((u) => u.repository !== undefined);
  const range = request.gitMode?.kind === "range" ? request.gitMode.spec : undefined;
  const operator = overrides.configFile !== undefined;
  const plan = new Map<ScanUnit, UnitTrust>();
  if (operator && !organisation) {
    const config = resolveConfig(request.root, overrides, cwd);
    for (const unit of units) plan.set(unit, { config, repositoryIgnores: true, ...(range === undefined ? {} : await rangeOnly(unit, range, warnings)) });
    return { config, units: plan, warnings };
  }
  const global = operator ? resolveConfig(request.root, overrides, cwd) : applyOverrides(undefined, overrides, cwd);
  if (!organisation) {
    const unit = units[0];
    const own =
      range === undefined || unit === undefined ? workingTreeConfig(findConfigFile(request.root, undefined, cwd), warnings, undefined, true) : undefined;
    const atBase = range !== undefined && unit !== undefined ? await baseConfig(unit, range, warnings, true, false) : undefined;
    const config = applyOverrides(atBase?.loaded ?? own, overrides, cwd);
    for (const u of units) plan.set(u, { config, repositoryIgnores: true, ...(atBase === undefined ? {} : atBase.trust) });
    return { config, units: plan, warnings };
  }
  const trusted = request.trustRepoConfig && !operator;
  const why = operator ? "the operator's --config applies" : "organisation scan: pass --trust-repo-config to apply it";
  for (const unit of units) {
    // An ignored config is only looked at for a `plugins:` key: a broken one cannot stop the scan.
    const atBase = range === undefined ? undefined : await baseConfig(unit, range, warnings, trusted);
    const own = range === undefined ? workingTreeConfig(findConfigFile(unit.displayRoot, undefined, cwd), warnings, unit, trusted) : atBase?.loaded;
    if (own !== undefined && !trusted) {
      warnings.push(tagged({ path: own.label ?? baseName(own.file), reason: "repository-config-ignored", detail: `not applied (${why})` }, unit));
    }
    const ignoreFile = joinPath(unit.displayRoot, IGNORE_FILE);
    if (range === undefined && !trusted && existsSync(ignoreFile)) {
      warnings.push(tagged({ path: IGNORE_FILE, reason: "repository-config-ignored", detail: `not applied (${why})` }, unit));
    }
    const config = trusted ? applyOverrides(own, overrides, cwd) : global;
    plan.set(unit, { config, repositoryIgnores: trusted, ...(atBase === undefined ? {} : trusted ? atBase.trust : { range: atBase.trust.range }) });
  }
  return { config: global, units: plan, warnings };
}

/**
 * A repository's `.nhiscan.yml`, if any; a `plugins:` key in it is a warning, never code to load.
 * Read leniently when it will not be applied (`strict` false): a broken file is then just ignored.
 */
function workingTreeConfig(file: string | undefined, warnings: ScanWarning[], unit: ScanUnit | undefined, strict: boolean): LoadedConfig | undefined {
  if (file === undefined) return undefined;
  const raw = strict ? readConfigFile(file) : lenient(() => readConfigFile(file));
  if (raw?.plugins !== undefined) warnings.push(untrustedPlugin(raw.plugins, baseName(file), unit?.repository));
  return { file, label: baseName(file), raw: raw ?? CONFIG_DEFAULTS };
}

function lenient<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** Pull-request scans: the base revision's config and ignore file, and which of them the range changes. */
async function baseConfig(unit: ScanUnit, spec: { since: string } | { range: string }, warnings: ScanWarning[], strict = true, organisation = true) {
  const git = await import("../sources/git-sources.js");
  const repo = await git.openRepo(unit.roots[0] ?? unit.displayRoot, "since" in spec ? "--since" : "--range");
  const ends = await git.rangeEnds(repo, spec);
  const fork = await git.mergeBase(repo, ends.base, ends.head);
  const names = [...CONFIG_NAMES, IGNORE_FILE];
  const changed = await git.changedPaths(repo, fork, ends.head, [...names, `:(glob)**/${IGNORE_FILE}`]);
  for (const path of changed) {
    warnings.push(
      tagged(
        { path, reason: "config-changed-in-range", detail: `changed by the range; the base (${ends.baseName}) version applies until it is merged` },
        unit,
        organisation,
      ),
    );
  }
  const present = await git.filesAtCommit(repo, ends.base, names);
  let loaded: LoadedConfig | undefined;
  for (const name of CONFIG_NAMES.filter((n) => present.has(n))) {
    const text = await git.readFileAtCommit(repo, ends.base, name);
    if (text === undefined) continue;
    const label = `${name} at ${ends.baseName}`;
    const raw = strict ? parseConfigText(text, label) : lenient(() => parseConfigText(text, label));
    if (raw?.plugins !== undefined) warnings.push(untrustedPlugin(raw.plugins, label, unit.repository));
    loaded = { file: joinPath(repo.cwd, name), label, raw: raw ?? CONFIG_DEFAULTS };
    break;
  }
  const ignoreText = present.has(IGNORE_FILE) ? await git.readFileAtCommit(repo, ends.base, IGNORE_FILE) : undefined;
  const matcher = ignoreText === undefined ? undefined : new GitignoreMatcher().add(ignoreText);
  const trust = { range: ends, ...(matcher === undefined ? {} : { ignoredAtBase: (path: string) => matcher.ignores(path) }) };
  return { loaded, trust };
}

/** With an operator's config, a pull-request scan still judges the range against its base. */
async function rangeOnly(unit: ScanUnit, spec: { since: string } | { range: string }, warnings: ScanWarning[]) {
  const { trust } = await baseConfig(unit, spec, warnings, false, false);
  return trust;
}

function untrustedPlugin(plugins: readonly string[], where: string, repository: string | undefined): ScanWarning {
  const detail = `plugins: ${plugins.join(", ")} not loaded: a scanned repository cannot name code to run (use --plugin or an operator --config)`;
  return { path: where, reason: "untrusted-plugin", detail, ...(repository === undefined ? {} : { repository }) };
}

/** A warning of a unit; in an organisation scan it names the repository (the folder name when a repos file lists just one). */
function tagged(warning: ScanWarning, unit: ScanUnit, organisation = true): ScanWarning {
  if (!organisation) return warning;
  return { ...warning, repository: unit.repository ?? baseName(unit.displayRoot) };
}
