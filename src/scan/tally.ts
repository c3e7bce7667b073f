import type { Finding } from "../model/finding.js";
import type { ScanWarning, SkipReason, Suppression } from "../model/report.js";
import { SKIP_REASONS } from "../model/report.js";

/** A suppression as the scan stage records it: inline ones carry a hash of their line, to tell whether a range added it. */
export type ScanSuppression = Suppression & { readonly lineHash?: string };

/** Findings and counters of the scan stage; merged across workers. */
export interface ScanTally {
  findings: Finding[];
  files: number;
  bytes: number;
  skipped: Record<SkipReason, number>;
  suppressed: Record<string, number>;
  /** Each suppressed candidate counted in `suppressed`, listed. */
  suppressions: ScanSuppression[];
  warnings: ScanWarning[];
  /** The raw values of the findings: never reported, only looked for in repository text to redact it there too. */
  secretValues: string[];
}

export function emptyTally(): ScanTally {
  return {
    findings: [],
    files: 0,
    bytes: 0,
    skipped: Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>,
    suppressed: {},
    suppressions: [],
    warnings: [],
    secretValues: [],
  };
}

/** Adds `part` into `into`. */
export function mergeTally(into: ScanTally, part: ScanTally): void {
  for (const finding of part.findings) into.findings.push(finding);
  into.files += part.files;
  into.bytes += part.bytes;
  for (const reason of SKIP_REASONS) into.skipped[reason] += part.skipped[reason];
  for (const [name, n] of Object.entries(part.suppressed)) into.suppressed[name] = (into.suppressed[name] ?? 0) + n;
  for (const suppression of part.suppressions) into.suppressions.push(suppression);
  for (const warning of part.warnings) into.warnings.push(warning);
  for (const secret of part.secretValues) into.secretValues.push(secret);
}

/**
 * Puts a history scan's lists in one order: blobs are read in pack order as the log pass lists
 * them, so the order they are scanned in varies from run to run (and with worker threads).
 */
export function sortTally(tally: ScanTally): void {
  const key = (...parts: readonly (string | number | undefined)[]) =>
    parts.map((p) => (typeof p === "number" ? String(p).padStart(10, "0") : (p ?? ""))).join("\u0000");
  const sortBy = <T>(list: T[], keyOf: (item: T) => string) => {
    const keys = new Map(list.map((item) => [item, keyOf(item)]));
    list.sort((a, b) => ((keys.get(a) ?? "") < (keys.get(b) ?? "") ? -1 : (keys.get(a) ?? "") > (keys.get(b) ?? "") ? 1 : 0));
  };
  sortBy(tally.findings, (f) => key(f.repository, f.path, f.provenance.kind === "git" ? f.provenance.blob : "", f.line, f.column, f.ruleId, f.matchId));
  sortBy(tally.suppressions, (s) => key(s.repository, s.path, s.line, s.ruleId, s.credentialId, s.reason));
  sortBy(tally.warnings, (w) => key(w.path, w.reason, w.detail));
}
