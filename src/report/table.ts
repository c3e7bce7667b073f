import { Chalk } from "chalk";
import Table from "cli-table3";
import { ownerLabel } from "../checks/summary.js";
import { committedValueAge, introducingCommit, NO_OWNER_HINT, primaryOwner } from "../inventory/lifecycle.js";
import type { InventoryItem } from "../model/inventory.js";
import type { ScanReport } from "../model/report.js";
import type { Formatter } from "./formatter.js";
import { isLeak } from "./facts.js";
import { BASELINE_ADVICE, reportAdvice } from "./remediation.js";
import { inventorySummaryLines, summaryLines } from "./summary.js";
import { fitColumns, WIDE_TABLE_MIN_COLUMNS, wrapCell, wrapColumns } from "./terminal-width.js";

const MAX_LOCATIONS_SHOWN = 3;
/** Column widths of the full table (169 cells with borders); the flexible ones shrink or grow to fit a terminal. */
const WIDTHS = [7, 20, 30, 30, 12, 8, 22, 31];
const FIXED = new Set([0, 4, 5]);
const BORDERS = WIDTHS.length + 1;

/** The inventory as a terminal table, one row per credential, worst first; then the summary and the gate. */
export const format: Formatter = (report, options) => {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const gradeColor = (grade: string) => (grade === "A" || grade === "B" ? chalk.green(grade) : grade === "C" ? chalk.yellow(grade) : chalk.red.bold(grade));
  const out: string[] = [];
  const columns = options.columns;
  if (report.items.length > 0 && columns !== undefined && columns < WIDE_TABLE_MIN_COLUMNS) {
    // A narrow terminal: one compact block per credential instead of a table that would wrap.
    for (const item of report.items) out.push(...wrapColumns(block(item, report, gradeColor), columns, 3), "");
  } else if (report.items.length > 0) {
    const widths = fitWidths(columns);
    const table = new Table({
      head: ["Grade", "Kind / provider", "Credential", "Locations", "First seen", "Age", "Owner", "Failing checks"],
      style: { head: options.color ? ["cyan"] : [], border: options.color ? ["grey"] : [] },
      // Cells are wrapped here, colour-aware and at word and separator boundaries: cli-table3's own
      // hard wrap counts colour codes as text, cuts them in two and breaks words anywhere.
      wordWrap: false,
      colWidths: widths,
    });
    // Each cell has one cell of padding on either side.
    for (const item of report.items) table.push(row(item, report, gradeColor).map((cell, i) => wrapCell(cell, (widths[i] ?? 0) - 2)));
    out.push(table.toString());
  } else {
    out.push(chalk.green("No credentials found."));
  }
  out.push("", ...summaryLines(report), ...inventorySummaryLines(report));
  if (report.policy.failed) {
    out.push(chalk.red.bold("Policy failed:"), ...report.policy.reasons.map((r) => chalk.red(`  - ${r}`)));
  }
  const advice = reportAdvice(report.items.filter(isLeak));
  if (advice.length > 0) {
    out.push(
      "",
      chalk.bold("What to do:"),
      ...advice.map((a) => `  - ${a.checkId} (${a.count}): ${a.advice}`),
      `  - ${BASELINE_ADVICE.replaceAll("`", "")}`,
      "  Details per credential: --format html --output report.html (or json).",
    );
  }
  // Never wider than the terminal: prose wraps; table rows already fit (clipping is a last guard).
  return `${fitColumns(wrapColumns(out.join("\n").split("\n"), columns), columns).join("\n")}\n`;
};

/** The table's column widths, the flexible columns scaled down so the table fits `columns` cells. */
function fitWidths(columns: number | undefined): number[] {
  const total = WIDTHS.reduce((a, b) => a + b, 0) + BORDERS;
  if (columns === undefined || columns === total) return WIDTHS;
  const fixed = WIDTHS.filter((_, i) => FIXED.has(i)).reduce((a, b) => a + b, 0);
  const flexible = total - BORDERS - fixed;
  const room = columns - BORDERS - fixed;
  const widths = WIDTHS.map((w, i) => (FIXED.has(i) ? w : Math.max(6, Math.floor((w * room) / flexible))));
  // Rounding down leaves a few cells: the widest columns (credential, locations) take them.
  let spare = columns - BORDERS - widths.reduce((a, b) => a + b, 0);
  for (let i = 2; spare > 0; i = i === 2 ? 3 : 2, spare--) widths[i] = (widths[i] ?? 0) + 1;
  return widths;
}

/** The compact form of one credential: grade, kind, value, first location, owner, failing checks. */
function block(item: InventoryItem, report: ScanReport, gradeColor: (g: string) => string): string[] {
  const first = item.locations[0];
  const more = item.locations.length > 1 ? ` (+${item.locations.length - 1} more)` : "";
  const where = first === undefined ? "—" : `${first.repository === undefined ? "" : `${first.repository}:`}${first.path}:${first.line}${more}`;
  const commit = introducingCommit(item);
  const age = committedValueAge(item, new Date(report.scannedAt));
  const failing = item.checks.filter((c) => c.status === "fail").map((c) => `${c.checkId} (${c.owasp})`);
  return [
    `${gradeColor(item.grade)}  ${item.kind} / ${item.provider}  ${report.showSecrets && item.secret !== undefined ? item.secret : item.preview}`,
    `   at ${where}`,
    ...(commit === undefined ? [] : [`   first seen ${commit.date.slice(0, 10)} ${commit.sha.slice(0, 8)}${age === undefined ? "" : `, ${age} d`}`]),
    `   owner: ${ownerCell(item).replace("\n", " ")}`,
    `   failing: ${failing.length === 0 ? "none" : failing.join(", ")}`,
  ];
}

function row(item: InventoryItem, report: ScanReport, gradeColor: (g: string) => string): string[] {
  const where = item.locations.slice(0, MAX_LOCATIONS_SHOWN).map((l) => `${l.repository === undefined ? "" : `${l.repository}:`}${l.path}:${l.line}`);
  if (item.locations.length > MAX_LOCATIONS_SHOWN) where.push(`… ${item.locations.length - MAX_LOCATIONS_SHOWN} more`);
  const failing = item.checks.filter((c) => c.status === "fail").map((c) => `${c.checkId} (${c.owasp})`);
  const first = introducingCommit(item);
  const age = committedValueAge(item, new Date(report.scannedAt));
  return [
    gradeColor(item.grade),
    `${item.kind}\n${item.provider}\n${item.ruleIds[0] ?? ""}`,
    report.showSecrets && item.secret !== undefined ? item.secret : item.preview,
    [`${item.locations.length} location(s)`, ...where].join("\n"),
    first === undefined ? "—" : `${first.date.slice(0, 10)}\n${first.sha.slice(0, 8)}`,
    age === undefined ? "—" : `${age} d`,
    ownerCell(item),
    failing.join("\n"),
  ];
}

/** The owner label; when that is "no owner hint found" but an inactive author is known, the author too. */
function ownerCell(item: InventoryItem): string {
  const label = ownerLabel(item);
  const author = primaryOwner(item);
  return label === NO_OWNER_HINT && author !== undefined ? `${label}\n(inactive: ${author.value})` : label;
}
