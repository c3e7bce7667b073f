import { summarizeInventory } from "../checks/summary.js";
import type { InventorySummary, ScanReport } from "../model/report.js";

/** Human units: 1.2 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The report's one set of counts (computed by the scan; derived for reports made without one). */
export function reportSummary(report: ScanReport): InventorySummary {
  return report.summary ?? summarizeInventory(report.items);
}

/** One paragraph: what was scanned, what was skipped and why, what was found. */
export function summaryLines(report: ScanReport): string[] {
  const { stats } = report;
  const seconds = (stats.durationMs / 1000).toFixed(2);
  const lines = [`Scanned ${stats.files} ${stats.unit ?? "files"} (${formatBytes(stats.bytes)}) in ${seconds}s with ${report.rules.length} rules.`];
  const skipped = Object.entries(stats.skipped).filter(([, n]) => n > 0);
  if (skipped.length > 0) lines.push(`Skipped: ${skipped.map(([reason, n]) => `${n} ${reason}`).join(", ")}.`);
  const suppressed = Object.entries(stats.suppressed).filter(([, n]) => n > 0);
  if (suppressed.length > 0) lines.push(`Suppressed: ${suppressed.map(([reason, n]) => `${n} ${reason}`).join(", ")}.`);
  const summary = reportSummary(report);
  const refs = summary.managedReferences > 0 ? `, and ${summary.managedReferences} reference(s) to managed secrets` : "";
  lines.push(`Found ${summary.credentials} distinct credential(s) at ${summary.locations} location(s)${refs}.`);
  return lines;
}

/** The inventory summary (counts by grade, kind, owner and failing check) and CODEOWNERS problems, one line each. */
export function inventorySummaryLines(report: ScanReport): string[] {
  const summary = reportSummary(report);
  const list = (counts: Readonly<Record<string, number>>) =>
    Object.entries(counts)
      .map(([key, n]) => `${key} ${n}`)
      .join(" · ");
  const lines: string[] = [];
  if (summary.credentials > 0) {
    lines.push(`Grades: ${list(summary.byGrade)}.`, `Kinds: ${list(summary.byKind)}.`, `Owners: ${list(summary.byOwner)}.`);
    lines.push(Object.keys(summary.byCheck).length === 0 ? "Failing checks: none." : `Failing checks: ${list(summary.byCheck)}.`);
    const exposure = summary.exposure;
    if (exposure !== undefined) {
      const owners = Object.entries(exposure.byOwner).map(([owner, s]) => `${owner} ${s.medianDays}/${s.p90Days} d`);
      lines.push(`Exposure (median/p90 days from introducing commit): ${exposure.medianDays}/${exposure.p90Days} d; by owner: ${owners.join(" · ")}.`);
    }
  }
  const codeowners = report.warnings.filter((w) => w.reason === "codeowners");
  const shown = codeowners.slice(0, 3).map((w) => `${w.repository === undefined ? "" : `${w.repository}:`}${w.path} ${w.detail ?? ""}`.trim());
  if (codeowners.length > 3) shown.push(`… ${codeowners.length - 3} more in the JSON report`);
  if (shown.length > 0) lines.push(`CODEOWNERS: ${shown.join("; ")}.`);
  return lines;
}
