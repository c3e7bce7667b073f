import type { ScanReport, ScanWarning } from "../model/report.js";
import { reportSummary } from "../report/summary.js";
import { visibleText } from "../report/terminal-text.js";
import type { CliIo } from "./io.js";

// Caveats worth a line on stderr whatever the format: the history is partial, or the trust
// boundary changed what applied (a repository's config ignored or read from the base, a plugin
// not loaded or failing).
const NOTICED: ReadonlySet<ScanWarning["reason"]> = new Set([
  "partial-history",
  "incremental-fallback",
  "repository-config-ignored",
  "config-changed-in-range",
  "untrusted-plugin",
  "plugin-error",
]);
const MAX_PER_REASON = 5;

/** Prints the noticed warnings, each made terminal-safe (paths and details come from the scanned repository). */
export function printScanNotices(io: CliIo, report: ScanReport): void {
  const shown = new Map<string, number>();
  for (const warning of report.warnings) {
    if (!NOTICED.has(warning.reason)) continue;
    const n = (shown.get(warning.reason) ?? 0) + 1;
    shown.set(warning.reason, n);
    if (n > MAX_PER_REASON) continue;
    const whole = warning.reason === "partial-history" || warning.reason === "incremental-fallback";
    const where = whole ? "" : `${warning.path}: `;
    const repo = warning.repository === undefined ? "" : `${warning.repository}: `;
    const detail = warning.detail ?? warning.reason;
    io.stderr(`nhiscan: warning: ${visibleText(`${repo}${where}${detail}`)}${whole ? "" : ` [${warning.reason}]`}\n`);
  }
  for (const [reason, n] of shown) {
    if (n > MAX_PER_REASON) io.stderr(`nhiscan: warning: … ${n - MAX_PER_REASON} more ${reason} warning(s) in the JSON report\n`);
  }
  const added = (report.suppressions ?? []).filter((s) => s.addedInRange === true);
  if (added.length > 0) {
    io.stderr(`nhiscan: warning: ${added.length} inline nhiscan:allow suppression(s) added by this range (fail the gate with --fail-on suppression-added)\n`);
  }
}

/** The one-line outcome printed after a report written to a file or in a machine format. */
export function outcomeLine(report: ScanReport): string {
  const failed = report.policy.failed ? ` Policy failed: ${report.policy.reasons.join("; ")}` : "";
  const { credentials, managedReferences } = reportSummary(report);
  const refs = managedReferences > 0 ? ` and ${managedReferences} managed secret reference(s)` : "";
  return `nhiscan: ${credentials} credential(s)${refs} in ${report.stats.files} ${report.stats.unit ?? "files"}.${visibleText(failed)}\n`;
}
