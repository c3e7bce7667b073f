import { isRetired } from "../inventory/baseline.js";
import { GRADES } from "../model/check.js";
import type { InventoryItem } from "../model/inventory.js";
import type { InventorySummary, ScanReport } from "../model/report.js";
import { displayValue, failingChecks, isLeak, locationLabel } from "./facts.js";
import type { Formatter } from "./formatter.js";
import { BASELINE_ADVICE, OWASP_NHI_URL, reportAdvice } from "./remediation.js";
import { suppressionSection } from "./markdown-suppressions.js";
import { code, text } from "./markdown-text.js";
import { reportSummary, summaryLines } from "./summary.js";

export { code, text } from "./markdown-text.js";

const WORST_SHOWN = 10;

/** A compact pull-request comment or job summary: counts, the worst items, what to do. */
export const format: Formatter = (report) => {
  const leaks = report.items.filter(isLeak);
  const summary = reportSummary(report);
  const refs = summary.managedReferences;
  const status = report.policy.failed ? "policy failed" : "policy passed";
  const out = [`## nhiscan: ${leaks.length === 0 ? "no leaked credentials" : `${leaks.length} leaked credential(s)`} (${status})`, ""];
  if (report.policy.failed) out.push(...report.policy.reasons.map((r) => `- ${text(r)}`), "");
  if (leaks.length > 0) out.push(...counts(summary), "", ...worst(report, leaks), "", ...whatToDo(report, leaks), "");
  else if (refs > 0) out.push(`${refs} reference(s) to managed secrets, no literal values.`, "");
  out.push(...suppressionSection(report));
  out.push(
    `<sub>${text([...summaryLines(report), `nhiscan ${report.tool.version}.`, report.showSecrets ? "Raw values shown." : "Values are redacted."].join(" "))}</sub>`,
    "",
  );
  return out.join("\n");
};

/** The report's one set of counts (the table and HTML print the same). */
function counts(summary: InventorySummary): string[] {
  const kinds = Object.entries(summary.byKind).map(([k, n]) => `${k} ${n}`);
  const refs = summary.managedReferences;
  return [
    `| Grade | ${GRADES.join(" | ")} |`,
    `|---|${GRADES.map(() => "---:").join("|")}|`,
    `| Credentials | ${GRADES.map((g) => String(summary.byGrade[g])).join(" | ")} |`,
    "",
    `**By kind:** ${kinds.join(" · ")}${refs > 0 ? ` · **managed references:** ${refs}` : ""}`,
  ];
}

function worst(report: ScanReport, leaks: readonly InventoryItem[]): string[] {
  const now = new Date(report.scannedAt);
  const rows = leaks.slice(0, WORST_SHOWN).map((item) => {
    const first = item.locations[0];
    const where = first === undefined ? "" : `${code(locationLabel(first))}${item.locations.length > 1 ? ` (+${item.locations.length - 1} more)` : ""}`;
    const failing = failingChecks(item).map((c) => `${c.checkId} (${c.owasp})`);
    const note =
      item.baseline === undefined ? "" : ` ${item.baseline.status} ${item.baseline.date}${isRetired(item, now) ? ", history only: not failing" : ""}`;
    return `| ${item.grade} | ${code(displayValue(item, report))} ${code(item.ruleIds[0] ?? item.kind)} | ${where} | ${failing.join(", ") || "none"}${cell(note)} |`;
  });
  const more = leaks.length > WORST_SHOWN ? [`… and ${leaks.length - WORST_SHOWN} more in the full report (\`--format html\` or \`json\`).`] : [];
  return ["### Worst credentials", "", "| Grade | Credential | Where | Failing checks |", "|---|---|---|---|", ...rows, ...more];
}

function whatToDo(report: ScanReport, leaks: readonly InventoryItem[]): string[] {
  const advice = reportAdvice(leaks).map((a) => `- **${a.checkId}** (${a.count}): ${a.advice}`);
  return [
    "### What to do",
    "",
    ...advice,
    `- ${BASELINE_ADVICE}`,
    "",
    `Checks map to the [OWASP Non-Human Identities Top 10 (2025)](${OWASP_NHI_URL}).${report.showSecrets ? "" : " Values are redacted; the full inventory is in the HTML or JSON report."}`,
  ];
}

function cell(value: string): string {
  return value === "" ? "" : `;${text(value)}`;
}
