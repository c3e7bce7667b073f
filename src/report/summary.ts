import type { ScanReport } from "../model/report.js";

/** Human units: 1.2 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One paragraph: what was scanned, what was skipped and why, what was found. */
export function summaryLines(report: ScanReport): string[] {
  const { stats } = report;
  const seconds = (stats.durationMs / 1000).toFixed(2);
  const lines = [`Scanned ${stats.files} files (${formatBytes(stats.bytes)}) in ${seconds}s with ${report.rules.length} rules.`];
  const skipped = Object.entries(stats.skipped).filter(([, n]) => n > 0);
  if (skipped.length > 0) lines.push(`Skipped: ${skipped.map(([reason, n]) => `${n} ${reason}`).join(", ")}.`);
  const suppressed = Object.entries(stats.suppressed).filter(([, n]) => n > 0);
  if (suppressed.length > 0) lines.push(`Suppressed: ${suppressed.map(([reason, n]) => `${n} ${reason}`).join(", ")}.`);
  const leaked = report.items.filter((i) => i.kind !== "managed-reference");
  lines.push(`Found ${leaked.length} distinct credential(s) at ${stats.findings} location(s).`);
  return lines;
}
