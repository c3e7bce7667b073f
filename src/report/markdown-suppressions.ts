import type { ScanReport } from "../model/report.js";
import { code, text } from "./markdown-text.js";
import { SUPPRESSIONS_ANCHOR, suppressionPlace, suppressionsBySource } from "./suppression-facts.js";

// A pull-request comment has a size limit: the list is capped, the counts are complete.
const LISTED = 50;

/** The suppressions section: a count per source linking to the list, then the list (folded). */
export function suppressionSection(report: ScanReport): string[] {
  const all = report.suppressions ?? [];
  if (all.length === 0) return [];
  const counts = suppressionsBySource(report).map(([source, n]) => `| [${text(source)}](#${SUPPRESSIONS_ANCHOR}) | ${n} |`);
  const rows = all.slice(0, LISTED).map((s) => {
    const added = s.addedInRange === true ? " **added by this change**" : "";
    return `| ${code(suppressionPlace(s))} | ${code(s.ruleId)} | ${code(s.credentialId)} | ${text(s.reason)}${added} | ${text(s.source)} |`;
  });
  const more = all.length > LISTED ? ["", `… and ${all.length - LISTED} more in the JSON report (\`suppressions\`).`] : [];
  return [
    `### Suppressions (${all.length})`,
    "",
    "| Source | Suppressed |",
    "|---|---:|",
    ...counts,
    "",
    `<details id="${SUPPRESSIONS_ANCHOR}"><summary>Every suppression</summary>`,
    "",
    "| Where | Rule | Credential id | Reason | Source |",
    "|---|---|---|---|---|",
    ...rows,
    ...more,
    "",
    "</details>",
    "",
  ];
}
