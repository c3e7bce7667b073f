import { InputError } from "../model/errors.js";
import type { Finding } from "../model/finding.js";
import type { ScanWarning } from "../model/report.js";
import { scanSources } from "../scan/scan.js";
import type { ScanRunOptions, ScanSettings } from "../scan/scan.js";
import { emptyTally, mergeTally } from "../scan/tally.js";
import type { ScanSuppression, ScanTally } from "../scan/tally.js";
import { inlineLineHash } from "../scan/event-scanner.js";
import type { GitRepo } from "../sources/git-repo.js";
import { globMatcher } from "../util/linear-match.js";
import { planIncremental, withPriorFindings } from "./history-memory.js";
import type { HistoryMemory } from "./history-memory.js";

/** Which git data a scan reads instead of the working tree. */
export type GitMode =
  | { readonly kind: "history" }
  | { readonly kind: "range"; readonly flag: "--since" | "--range"; readonly spec: { since: string } | { range: string } }
  | { readonly kind: "staged" };

/** The flags that choose a git mode; at most one may be set. */
export interface GitModeFlags {
  readonly history?: boolean;
  readonly since?: string;
  readonly range?: string;
  readonly staged?: boolean;
}

/** How far a scan is: blobs or files scanned, and, once known, how many there are in all. */
export interface ScanProgress {
  readonly files: number;
  readonly bytes: number;
  /** Blobs and bytes listed for reading so far (git modes). */
  readonly totalFiles?: number;
  readonly totalBytes?: number;
  /** Whether the totals are final (the listing is complete), so that an ETA makes sense. */
  readonly totalsFinal?: boolean;
}

/** The git mode the flags ask for; combining modes is a usage error. */
export function gitModeOf(flags: GitModeFlags): GitMode | undefined {
  const chosen = [
    flags.history === true ? "--history" : undefined,
    flags.since === undefined ? undefined : "--since",
    flags.range === undefined ? undefined : "--range",
    flags.staged === true ? "--staged" : undefined,
  ].filter((flag) => flag !== undefined);
  if (chosen.length > 1) {
    throw new InputError(`${chosen.join(" and ")} cannot be combined`, { hint: "Choose one of --history, --since, --range, --staged." });
  }
  if (flags.history === true) return { kind: "history" };
  if (flags.staged === true) return { kind: "staged" };
  if (flags.since !== undefined) return { kind: "range", flag: "--since", spec: { since: flags.since } };
  if (flags.range !== undefined) return { kind: "range", flag: "--range", spec: { range: flags.range } };
  return undefined;
}

/** Pull-request scans: the base's ignore rules, and the base revision inline suppressions are compared with. */
export interface RangeTrust {
  readonly ignoredAtBase?: (path: string) => boolean;
  readonly range?: { readonly base: string };
}

/** Scans the git data of each root (each its own repository) into one tally. */
export async function scanGitRepositories(
  mode: GitMode,
  roots: readonly string[],
  settings: ScanSettings,
  runOptions: ScanRunOptions,
  trust?: RangeTrust,
  memory?: HistoryMemory,
): Promise<ScanTally> {
  const total = emptyTally();
  for (const root of roots) mergeTally(total, await scanGitRepository(mode, root, settings, runOptions, trust, roots.length === 1 ? memory : undefined));
  return total;
}

const FLAG: Readonly<Record<GitMode["kind"], string>> = { history: "--history", range: "--range", staged: "--staged" };

/**
 * Scans the git data of one repository: every blob of its history, the blobs a range introduced,
 * or the staged index. Commits are attached to findings after scanning; in staged mode, findings
 * on lines the change did not touch are dropped.
 */
export async function scanGitRepository(
  mode: GitMode,
  root: string,
  settings: ScanSettings,
  runOptions: ScanRunOptions,
  trust: RangeTrust = {},
  memory?: HistoryMemory,
): Promise<ScanTally> {
  // Loaded on use: working-tree scans need not parse the git layer.
  const git = await import("../sources/git-sources.js");
  const { config } = settings;
  const repo = await git.openRepo(root, mode.kind === "range" ? mode.flag : FLAG[mode.kind]);
  if (mode.kind === "staged") {
    const staged = git.stagedScan({ repo, maxFileSize: config.maxFileSize, exclude: config.exclude });
    const [tally, changed] = await Promise.all([scanSources([staged.source], settings, runOptions), staged.changedLines()]);
    const { kept, dropped } = git.keepChangedLines(tally.findings, changed);
    return withFindings(tally, kept, { "unchanged-line": dropped });
  }
  let listed = { blobs: 0, bytes: 0, done: false };
  const plan = mode.kind === "history" && memory !== undefined ? await planIncremental(git, repo, memory) : undefined;
  const range = mode.kind === "range" ? await git.rangeRevs(repo, mode.spec) : plan?.revs;
  const source = git.gitHistorySource({
    repo,
    ...(range === undefined ? {} : { range }),
    maxFileSize: config.maxFileSize,
    exclude: config.exclude,
    ...(range === undefined || trust.ignoredAtBase === undefined ? {} : { isIgnored: trust.ignoredAtBase }),
    onListed: (blobs, bytes, done) => {
      listed = { blobs, bytes, done };
    },
  });
  const onProgress = runOptions.onProgress;
  const withTotals = (done: { files: number; bytes: number }) => {
    const progress: ScanProgress = { ...done, totalFiles: listed.blobs, totalBytes: listed.bytes, totalsFinal: listed.done };
    onProgress?.(progress);
  };
  const tally = await scanSources([source], settings, onProgress === undefined ? runOptions : { ...runOptions, onProgress: withTotals });
  const byGlob = pathFilter([...config.exclude, ...config.allowlist.paths]);
  const ignored = mode.kind === "range" ? trust.ignoredAtBase : undefined;
  const dropPath = ignored === undefined ? byGlob : (path: string) => byGlob?.(path) === true || ignored(path);
  const blobFindings = plan?.prior === undefined ? tally.findings : withPriorFindings(tally.findings, plan.prior.findings);
  const traced = await git.attachGitProvenance(repo, blobFindings, {
    ...(dropPath === undefined ? {} : { dropPath }),
    ...(plan?.prior === undefined ? {} : { revs: plan.revs ?? [], prior: plan.prior.provenance }),
  });
  if (plan !== undefined && memory !== undefined) {
    const findings = blobFindings.map(({ secret: _secret, ...finding }) => finding);
    const bytes = (plan.prior?.bytes ?? 0) + tally.bytes;
    memory.save({ repository: memory.repository, refs: plan.tips, fingerprint: memory.fingerprint, findings, provenance: traced.provenance, bytes });
  }
  const base = trust.range?.base;
  const suppressions = base === undefined ? tally.suppressions : await markAddedInRange(tally.suppressions, (path) => git.readFileAtCommit(repo, base, path));
  return { ...withFindings(tally, traced.findings, {}), suppressions, warnings: [...partialWarnings(repo), ...(plan?.warnings ?? []), ...tally.warnings] };
}

/**
 * Marks the inline `nhiscan:allow` suppressions whose comment line the base revision's version
 * of the file does not have: the range added them (`--fail-on suppression-added`).
 */
async function markAddedInRange(
  suppressions: readonly ScanSuppression[],
  readAtBase: (path: string) => Promise<string | undefined>,
): Promise<ScanSuppression[]> {
  const linesAtBase = new Map<string, Promise<Set<string>>>();
  const hashesOf = (path: string) => {
    let hashes = linesAtBase.get(path);
    if (hashes === undefined) {
      hashes = readAtBase(path).then((text) => new Set((text ?? "").split(/\r?\n/).map(inlineLineHash)));
      linesAtBase.set(path, hashes);
    }
    return hashes;
  };
  return Promise.all(suppressions.map(async (s) => (s.lineHash === undefined ? s : { ...s, addedInRange: !(await hashesOf(s.path)).has(s.lineHash) })));
}

function withFindings(tally: ScanTally, findings: Finding[], suppressed: Record<string, number>): ScanTally {
  const merged = { ...tally.suppressed };
  for (const [name, n] of Object.entries(suppressed)) if (n > 0) merged[name] = (merged[name] ?? 0) + n;
  return { ...tally, findings, suppressed: merged };
}

/** Copies of a finding at other paths of the same blob are dropped where the config excludes or allows the path. */
function pathFilter(globs: readonly string[]): ((path: string) => boolean) | undefined {
  return globs.length === 0 ? undefined : globMatcher(globs);
}

function partialWarnings(repo: GitRepo): ScanWarning[] {
  const warnings: ScanWarning[] = [];
  if (repo.isShallow) {
    warnings.push({
      path: ".",
      reason: "partial-history",
      detail: "shallow clone: commits beyond the shallow boundary were not scanned (git fetch --unshallow)",
    });
  }
  if (repo.isPartial) {
    warnings.push({ path: ".", reason: "partial-history", detail: "partial clone: objects that were never fetched were not scanned (nhiscan does not fetch)" });
  }
  return warnings;
}
