import { realpathSync } from "node:fs";
import type { Finding } from "../model/finding.js";
import type { HistoryState } from "../model/history-state.js";
import type { ScanWarning } from "../model/report.js";
import type { ScanSettings } from "../scan/scan.js";
import type { GitRepo } from "../sources/git-repo.js";
import { secretFingerprint, shortHash } from "../util/hash.js";
import { toolVersion } from "./version.js";

/** The key a repository's history state is kept under: the real path of the scanned root, as store targets name it. */
export function repositoryKey(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return root;
  }
}

/**
 * Hash of everything that decides which findings a blob yields: the tool version, the rules and
 * plugins, the config's filters, and the credential-id key (as an HMAC, never the key itself).
 * Findings kept from an earlier scan are reused only under the same fingerprint.
 */
export function historyFingerprint(settings: ScanSettings): string {
  const { config } = settings;
  return shortHash(
    JSON.stringify({
      tool: toolVersion(),
      rules: settings.rules.map((r) => r.hash).sort(),
      plugins: (settings.plugins ?? []).map((p) => p.hash).sort(),
      exclude: config.exclude,
      allowlist: config.allowlist,
      maxFileSize: config.maxFileSize,
      minConfidence: config.minConfidence,
      key: settings.fingerprintKey === undefined ? "" : secretFingerprint("nhiscan history state", settings.fingerprintKey),
    }),
  );
}

/**
 * A history scan that leaves its state for the next one and, when `prior` is given and the
 * history only grew since, reads only the blobs of the new commits (`--history --incremental`).
 */
export interface HistoryMemory {
  /** Where the state is kept: the real path of the scanned repository. */
  readonly repository: string;
  readonly prior: HistoryState | undefined;
  /** Hash of what decides findings (tool version, rules, config); a different one forces a full scan. */
  readonly fingerprint: string;
  readonly save: (state: HistoryState) => void;
}

/** How a remembered history scan runs: the revisions to read (new commits only) or a full scan, and why. */
export interface IncrementalPlan {
  readonly tips: Record<string, string>;
  /** `TIP… ^OLD…` when only new commits are read; undefined for a full scan. */
  readonly revs?: readonly string[];
  readonly prior?: HistoryState;
  readonly warnings: readonly ScanWarning[];
}

type GitLayer = typeof import("../sources/git-sources.js");

/**
 * Incremental when the last scan's commits are all still reachable and findings are decided as
 * they were then; otherwise a full scan, with a warning saying why (never silently partial).
 */
export async function planIncremental(git: GitLayer, repo: GitRepo, memory: HistoryMemory): Promise<IncrementalPlan> {
  const { tips, nonCommitRefs } = await git.refTips(repo);
  const tipIds = [...new Set(Object.values(tips))];
  const full = (detail?: string): IncrementalPlan => ({
    tips,
    warnings: detail === undefined ? [] : [{ path: ".", reason: "incremental-fallback", detail: `${detail}: scanned the full history` }],
  });
  const { prior } = memory;
  // No commit yet (an unborn branch): nothing to start from, and a full scan reads nothing.
  if (prior === undefined || tipIds.length === 0) return full();
  if (prior.fingerprint !== memory.fingerprint) return full("the tool version, rules or config changed since the last scan");
  if (nonCommitRefs.length > 0) return full(`refs point at blobs or trees (${nonCommitRefs.slice(0, 3).join(", ")})`);
  const old = [...new Set(Object.values(prior.refs))];
  if (!(await git.historyOnlyGrew(repo, old, tipIds))) {
    const moved = Object.keys(prior.refs).filter((ref) => tips[ref] !== prior.refs[ref]);
    return full(`history was rewritten since the last scan (force-push or deleted branch: ${moved.slice(0, 3).join(", ") || "a ref"})`);
  }
  return { tips, revs: [...tipIds, ...old.map((sha) => `^${sha}`)], prior, warnings: [] };
}

/** The blob findings of the new blobs and of the earlier ones not read again. */
export function withPriorFindings(fresh: readonly Finding[], prior: readonly Finding[]): Finding[] {
  const blobOf = (f: Finding) => (f.provenance.kind === "git" ? f.provenance.blob : "");
  const read = new Set(fresh.map(blobOf));
  return [...prior.filter((f) => !read.has(blobOf(f))), ...fresh];
}
