import { isRetired } from "../inventory/baseline.js";
import { GRADES } from "../model/check.js";
import type { ScanReport } from "../model/report.js";
import { AGE_BUCKETS, ageBucket, ageDays, countBy, isLeak, NO_OWNER, placesOf, UNKNOWN_AGE } from "./facts.js";
import type { Formatter } from "./formatter.js";
import { barChart, sharingGraph } from "./html-charts.js";
import { documentHead, esc, SCRIPT, STYLE } from "./html-assets.js";
import { suppressionSection } from "./html-suppressions.js";
import { inventoryTable } from "./html-table.js";
import { OWASP_NHI_URL } from "./remediation.js";
import { reportSummary, summaryLines } from "./summary.js";

/**
 * One self-contained HTML file for a security lead: summary cards, SVG charts, the sharing
 * view and the filterable inventory. Inline style and script are allowed by hash only, and the
 * policy forbids every fetch, so opening the file makes no request.
 */
export const format: Formatter = (report) => {
  return `${documentHead(`nhiscan credential inventory: ${report.targets.join(", ")}`, STYLE, SCRIPT)}
<header><h1>Credential inventory</h1>
<p class="meta">${esc(report.targets.join(", "))} · scanned ${esc(report.scannedAt)} · nhiscan ${esc(report.tool.version)} · ${report.showSecrets ? "<strong>raw values shown</strong>" : "values redacted"}</p></header>
<main>
${cards(report)}
<section aria-labelledby="charts-h"><h2 id="charts-h">Sprawl at a glance</h2><div class="charts">
${charts(report)}
</div></section>
<section aria-labelledby="sharing-h"><h2 id="sharing-h">Sharing</h2>
${sharingGraph(report, report.items.filter(isLeak))}
</section>
<section aria-labelledby="inventory-h"><h2 id="inventory-h">Inventory</h2>
${inventoryTable(report)}
</section>
${scanDetails(report)}${suppressionSection(report)}
</main>
<footer>Ages are committed-value ages (from git provenance), not the key's age at the provider; "no owner hint found" is not "no owner".
Checks map to the OWASP Non-Human Identities Top 10 (2025): ${esc(OWASP_NHI_URL)}</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
};

function cards(report: ScanReport): string {
  const leaks = report.items.filter(isLeak);
  const now = new Date(report.scannedAt);
  const card = (n: number | string, label: string, tone = "") =>
    `<div class="card ${tone}"><div class="n">${esc(n)}</div><div class="l">${esc(label)}</div></div>`;
  const summary = reportSummary(report);
  const { exposure } = summary;
  const worst = summary.byGrade.D + summary.byGrade.F;
  return `<section class="cards" aria-label="Summary">
${[
  card(report.policy.failed ? "failed" : "passed", "policy gate", report.policy.failed ? "bad" : "good"),
  card(summary.credentials, "distinct leaked credentials", summary.credentials > 0 ? "bad" : "good"),
  card(summary.locations, "locations"),
  card(worst, "graded D or F", worst > 0 ? "bad" : ""),
  card(leaks.filter((i) => placesOf(i).length > 1).length, "in several places"),
  // The same owner the chart, the table summary and the missing-owner check use (inactive authors are no owner).
  card(summary.byOwner[NO_OWNER] ?? 0, "with no owner hint"),
  card(leaks.filter((i) => !i.inHead).length, "in git history only"),
  card(leaks.filter((i) => (ageDays(i, report) ?? 0) > 90).length, "committed over 90 days ago"),
  card(leaks.filter((i) => isRetired(i, now)).length, "rotated/revoked (baseline)"),
  ...(exposure === undefined ? [] : [card(`${exposure.medianDays} / ${exposure.p90Days}`, "days exposed, median / p90")]),
  card(summary.managedReferences, "managed secret references"),
  card(report.stats.files, `${report.stats.unit ?? "files"} scanned`),
].join("\n")}
</section>`;
}

/** Grades, kinds and owners come from the report's one summary, so the charts, cards and table agree. */
function charts(report: ScanReport): string {
  const items = report.items.filter(isLeak);
  const summary = reportSummary(report);
  const ages = countBy(
    items.map((i) => ageBucket(i, report)),
    [...AGE_BUCKETS.map(([label]) => label), UNKNOWN_AGE],
  );
  return [
    barChart(
      "chart-grade",
      "Credentials by grade",
      GRADES.map((g) => [g, summary.byGrade[g]] as const),
      (g) => `g-${g}`,
    ),
    barChart("chart-age", "Credentials by committed-value age", ages),
    barChart("chart-kind", "Credentials by kind", Object.entries(summary.byKind)),
    barChart("chart-provider", "Credentials by provider", countBy(items.map((i) => i.provider))),
    barChart("chart-owner", "Credentials by owner", Object.entries(summary.byOwner)),
  ].join("\n");
}

function scanDetails(report: ScanReport): string {
  const reasons = report.policy.reasons.map((r) => `<li>${esc(r)}</li>`);
  const warnings = report.warnings
    .slice(0, 50)
    .map(
      (w) =>
        `<li><code>${esc(`${w.repository === undefined ? "" : `${w.repository}:`}${w.path}`)}</code>: ${esc(w.reason)}${w.detail === undefined ? "" : ` (${esc(w.detail)})`}</li>`,
    );
  const more = report.warnings.length > 50 ? `<li>… ${report.warnings.length - 50} more in the JSON report</li>` : "";
  return `<section aria-labelledby="scan-h"><h2 id="scan-h">Scan</h2>
<p>${summaryLines(report).map(esc).join("<br>")}</p>
${reasons.length === 0 ? "" : `<h3>Policy failures</h3><ul>${reasons.join("")}</ul>`}
${warnings.length === 0 ? "" : `<h3>Skipped and caveats</h3><ul>${warnings.join("")}${more}</ul>`}
</section>`;
}
