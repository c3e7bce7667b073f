import type { Finding } from "../model/finding.js";
import type { InventoryItem } from "../model/inventory.js";
import type { ScanReport } from "../model/report.js";
import { displayValue, failingChecks, firstSeen, ownersOf } from "./facts.js";
import type { Formatter } from "./formatter.js";
import { locationCommit } from "../inventory/lifecycle.js";

const HEADER = [
  "credential_id",
  "grade",
  "score",
  "kind",
  "provider",
  "rule_ids",
  "severity",
  "value",
  "repository",
  "path",
  "line",
  "column",
  "provenance",
  "commit",
  "author",
  "first_seen",
  "in_head",
  "environments",
  "owners",
  "failing_checks",
  "baseline_status",
] as const;

/** One row per location of each credential (RFC 4180: CRLF line ends, quoted where needed). */
export const format: Formatter = (report) => {
  const rows = report.items.flatMap((item) => item.locations.map((location) => row(report, item, location)));
  return `${[HEADER, ...rows].map((cells) => cells.map(csvCell).join(",")).join("\r\n")}\r\n`;
};

function row(report: ScanReport, item: InventoryItem, location: Finding): string[] {
  const p = location.provenance;
  const commit = locationCommit(p);
  return [
    item.credentialId,
    item.grade,
    String(item.score),
    item.kind,
    item.provider,
    item.ruleIds.join(" "),
    item.severity,
    displayValue(item, report),
    location.repository ?? "",
    location.path,
    String(location.line),
    String(location.column),
    p.kind === "git" ? (p.inHead === true ? "git (in HEAD)" : "git (history only)") : p.kind,
    commit?.sha ?? "",
    commit === undefined ? "" : `${commit.author} <${commit.email}>`,
    firstSeen(item) ?? "",
    String(item.inHead),
    item.environments.join(" "),
    ownersOf(item).join(" "),
    failingChecks(item)
      .map((c) => c.checkId)
      .join(" "),
    item.baseline === undefined ? "" : `${item.baseline.status} ${item.baseline.date}`,
  ];
}

/**
 * A CSV field: a cell a spreadsheet would run as a formula (starting with = + - @, tab or CR)
 * gets a leading apostrophe (OWASP CSV injection); then RFC 4180 quoting.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
