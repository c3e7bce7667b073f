import type { TrendFormat } from "./format-names.js";
import { GRADES } from "../model/check.js";
import type { TrendReport } from "../model/store.js";
import { csvCell } from "./csv.js";
import { fitColumns } from "./terminal-width.js";
import { formatTrendHtml } from "./trend-html.js";

/** `trend` output: one row per recorded scan, oldest first. */
export function formatTrend(trend: TrendReport, format: TrendFormat, options: { columns?: number } = {}): string {
  if (format === "json") return `${JSON.stringify({ scans: trend.scans, remediationByOwner: trend.remediationByOwner }, null, 2)}\n`;
  if (format === "html") return formatTrendHtml(trend);
  if (format === "csv") return csv(trend);
  return table(trend, options.columns);
}

function csv(trend: TrendReport): string {
  const header = ["scan_id", "at", "targets", "mode", "open", "new", "remediated", "reopened", ...GRADES.map((g) => `grade_${g}`), "median_days_to_remediate"];
  const rows = trend.scans.map((s) => [
    s.scanId,
    s.at,
    s.targets.join(" "),
    s.mode,
    String(s.open),
    String(s.new),
    String(s.remediated),
    String(s.reopened),
    ...GRADES.map((g) => String(s.byGrade[g])),
    s.medianDaysToRemediate === null ? "" : String(s.medianDaysToRemediate),
  ]);
  return `${[header, ...rows].map((cells) => cells.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

function table(trend: TrendReport, columns: number | undefined): string {
  if (trend.scans.length === 0) return "No scans recorded.\n";
  const head = ["scanned at", "open", "new", "remediated", "reopened", "median days", "grades A/B/C/D/F", "targets"];
  const rows = trend.scans.map((s) => [
    s.at.slice(0, 16).replace("T", " "),
    String(s.open),
    String(s.new),
    String(s.remediated),
    String(s.reopened),
    s.medianDaysToRemediate === null ? "-" : String(s.medianDaysToRemediate),
    GRADES.map((g) => s.byGrade[g]).join("/"),
    `${s.mode}: ${s.targets.join(", ")}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  const lines = [line(head), ...rows.map(line)];
  if (trend.remediationByOwner.length > 0) {
    lines.push("", "Days to remediate by owner (median / p90, count):");
    for (const o of trend.remediationByOwner) lines.push(`  ${o.owner}: ${o.medianDays} / ${o.p90Days} d (${o.count})`);
  }
  return `${fitColumns(lines, columns).join("\n")}\n`;
}
