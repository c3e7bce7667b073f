import type { ScanReport } from "../model/report.js";
import { esc } from "./html-assets.js";
import { SUPPRESSIONS_ANCHOR, suppressionPlace, suppressionsBySource } from "./suppression-facts.js";

// Bounds the file on a repository with many guarded placeholders; the JSON report has them all.
const LISTED = 2000;

/** The suppressions section (after a line break; empty when there are none): counts per source, each linking to the list, then the list. */
export function suppressionSection(report: ScanReport): string {
  const all = report.suppressions ?? [];
  if (all.length === 0) return "";
  const counts = suppressionsBySource(report).map(([source, n]) => `<li><a href="#${SUPPRESSIONS_ANCHOR}">${esc(source)}</a>: ${esc(n)}</li>`);
  const rows = all
    .slice(0, LISTED)
    .map(
      (s) =>
        `<tr><td><code>${esc(suppressionPlace(s))}</code></td><td><code>${esc(s.ruleId)}</code></td><td><code>${esc(s.credentialId)}</code></td><td>${esc(s.reason)}${s.addedInRange === true ? " <strong>(added by this change)</strong>" : ""}</td><td>${esc(s.source)}</td></tr>`,
    );
  const more = all.length > LISTED ? `<p>… ${all.length - LISTED} more in the JSON report.</p>` : "";
  return `\n<section aria-labelledby="suppressions-h"><h2 id="suppressions-h">Suppressions (${all.length})</h2>
<ul>${counts.join("")}</ul>
<table id="${SUPPRESSIONS_ANCHOR}"><thead><tr><th>Where</th><th>Rule</th><th>Credential id</th><th>Reason</th><th>Source</th></tr></thead>
<tbody>${rows.join("")}</tbody></table>${more}
</section>`;
}
