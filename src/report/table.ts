import { Chalk } from "chalk";
import Table from "cli-table3";
import type { InventoryItem } from "../model/inventory.js";
import { locationLabel } from "./facts.js";
import type { Formatter } from "./formatter.js";
import { summaryLines } from "./summary.js";

const MAX_LOCATIONS_SHOWN = 3;

/** The inventory as a terminal table, worst first, followed by the summary and the gate. */
export const format: Formatter = (report, options) => {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const gradeColor = (grade: string) =>
    grade === "A" || grade === "B" ? chalk.green(grade) : grade === "C" ? chalk.yellow(grade) : chalk.red.bold(grade);
  const out: string[] = [];
  if (report.items.length > 0) {
    const table = new Table({
      head: ["Grade", "Kind / rule", "Credential", "Locations", "Failing checks"],
      style: { head: options.color ? ["cyan"] : [], border: options.color ? ["grey"] : [] },
      wordWrap: true,
      colWidths: [7, 28, 34, 40, 30],
    });
    for (const item of report.items) table.push(row(item, gradeColor, report.showSecrets));
    out.push(table.toString());
  } else {
    out.push(chalk.green("No credentials found."));
  }
  out.push("", ...summaryLines(report));
  if (report.policy.failed) {
    out.push(chalk.red.bold("Policy failed:"), ...report.policy.reasons.map((r) => chalk.red(`  - ${r}`)));
  }
  return `${out.join("\n")}\n`;
};

function row(item: InventoryItem, gradeColor: (g: string) => string, showSecrets: boolean): string[] {
  const locations = item.locations.slice(0, MAX_LOCATIONS_SHOWN).map((l) => breakLong(locationLabel(l), 38));
  if (item.locations.length > MAX_LOCATIONS_SHOWN) locations.push(`… ${item.locations.length - MAX_LOCATIONS_SHOWN} more`);
  const failing = item.checks.filter((c) => c.status === "fail").map((c) => `${c.checkId} (${c.owasp})`);
  return [
    gradeColor(item.grade),
    `${item.kind}\n${item.ruleIds[0] ?? ""}`,
    breakLong(showSecrets && item.secret !== undefined ? item.secret : item.preview, 32),
    locations.join("\n"),
    failing.join("\n"),
  ];
}

/** Splits an unbreakable value (a path, a raw secret) into cell-wide lines: the table would cut it with "…". */
function breakLong(text: string, width: number): string {
  return text.length <= width ? text : (text.match(new RegExp(`.{1,${width}}`, "gs")) ?? [text]).join("\n");
}
