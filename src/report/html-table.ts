import { isRetired } from "../inventory/baseline.js";
import { GRADES } from "../model/check.js";
import type { InventoryItem } from "../model/inventory.js";
import type { ScanReport } from "../model/report.js";
import { ageDays, displayValue, failingChecks, firstSeen, locationLabel, NO_OWNER, ownersOf, placesOf, provenanceLabel } from "./facts.js";
import { esc } from "./html-assets.js";
import { adviceFor } from "./remediation.js";
import { locationCommit } from "../inventory/lifecycle.js";

const COLUMNS: readonly (readonly [key: string, title: string, type: "num" | "text"])[] = [
  ["grade", "Grade", "num"],
  ["credential", "Credential", "text"],
  ["kind", "Kind / provider", "text"],
  ["age", "Age (days)", "num"],
  ["locations", "Locations", "num"],
  ["owners", "Owners", "text"],
  ["checks", "Failing checks", "num"],
];

/** The sortable, filterable inventory: one <tbody> per item (its row and its detail row). */
export function inventoryTable(report: ScanReport): string {
  const head = COLUMNS.map(([key, title, type]) => `<th scope="col"><button type="button" data-key="${key}" data-type="${type}">${esc(title)}</button></th>`);
  return `<div class="controls"><input type="search" id="filter" aria-label="Filter the inventory" placeholder="Filter: path, owner, kind, rule, check, grade:f…">
<span id="shown" class="muted">${report.items.length} of ${report.items.length} shown</span></div>
<table id="inventory"><thead><tr>${head.join("")}</tr></thead>
${report.items.map((item) => itemGroup(report, item)).join("\n")}
</table>`;
}

function itemGroup(report: ScanReport, item: InventoryItem): string {
  const value = displayValue(item, report);
  const owners = ownersOf(item);
  const failing = failingChecks(item);
  const age = ageDays(item, report);
  const first = item.locations[0];
  const search = [
    `grade:${item.grade}`,
    value,
    item.kind,
    item.provider,
    ...item.ruleIds,
    ...placesOf(item),
    ...(owners.length === 0 ? [NO_OWNER] : owners),
    ...failing.map((c) => `${c.checkId} ${c.owasp}`),
    ...item.environments,
    item.baseline?.status ?? "",
  ].join(" ");
  const data = {
    grade: String(GRADES.indexOf(item.grade)),
    credential: value,
    kind: `${item.kind} ${item.provider}`,
    age: String(age ?? -1),
    locations: String(item.locations.length),
    owners: owners.join(" "),
    checks: String(failing.length),
    text: search.toLowerCase(),
  };
  const attrs = Object.entries(data)
    .map(([k, v]) => `data-${k}="${esc(v)}"`)
    .join(" ");
  const cells = [
    `<span class="grade ${esc(item.grade)}">${esc(item.grade)}</span> <span class="muted">${item.score}</span>`,
    `<code>${esc(value)}</code><br><span class="muted">${esc(item.ruleIds.join(", "))}</span>`,
    `${esc(item.kind)}<br><span class="muted">${esc(item.provider)}</span>`,
    age === undefined ? `<span class="muted">unknown</span>` : String(age),
    `${item.locations.length}${first === undefined ? "" : `<br><code>${esc(locationLabel(first))}</code>`}`,
    owners.length === 0 ? `<span class="muted">${NO_OWNER}</span>` : owners.map(esc).join("<br>"),
    failing.length === 0 ? `<span class="pass">none</span>` : failing.map((c) => `<span class="fail">${esc(c.checkId)}</span>`).join("<br>"),
  ];
  return `<tbody class="item" ${attrs}><tr>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>
<tr class="detail"><td colspan="${COLUMNS.length}">${itemDetail(report, item)}</td></tr></tbody>`;
}

function itemDetail(report: ScanReport, item: InventoryItem): string {
  const locations = item.locations.map(
    (l) =>
      `<tr><td><code>${esc(locationLabel(l))}</code></td><td>${esc(provenanceLabel(l))}</td><td>${esc(l.ruleId)}</td><td>${esc(commitOf(l.provenance))}</td></tr>`,
  );
  const owners = item.ownerHints.map(
    (h) => `<tr><td>${esc(h.value)}</td><td>${esc(h.source)}</td><td>${esc(h.confidence)}</td><td><code>${esc(h.evidence)}</code></td></tr>`,
  );
  const checks = item.checks.map(
    (c) =>
      `<tr><td class="${esc(c.status)}">${esc(c.status)}</td><td>${esc(c.checkId)}</td><td>${esc(c.owasp)}</td><td>${esc(c.severity)}</td><td>${esc(c.message)}</td></tr>`,
  );
  const mark = item.baseline;
  const facts = [
    `credential id <code>${esc(item.credentialId)}</code>`,
    `confidence ${esc(item.confidence)}`,
    `first seen ${esc(firstSeen(item) ?? "unknown")}`,
    `environments ${esc(item.environments.join(", ") || "none inferred")}`,
    item.inHead ? "in the working tree / HEAD" : "in git history only",
    ...(mark === undefined
      ? []
      : [`baseline: ${esc(mark.status)} ${esc(mark.date)}${isRetired(item, new Date(report.scannedAt)) ? " (history only: does not fail)" : ""}`]),
  ];
  const advice = adviceFor(item).map((a) => `<li>${esc(a)}</li>`);
  return `<details><summary>Locations, owners and check evidence</summary>
<p class="muted">${facts.join(" · ")}</p>
<h3>Locations (${item.locations.length})</h3><table class="inner"><tr><th>where</th><th>provenance</th><th>rule</th><th>commit</th></tr>${locations.join("")}</table>
<h3>Owner hints</h3>${owners.length === 0 ? `<p class="muted">${NO_OWNER}</p>` : `<table class="inner"><tr><th>owner</th><th>source</th><th>confidence</th><th>evidence</th></tr>${owners.join("")}</table>`}
<h3>Checks</h3><table class="inner"><tr><th>status</th><th>check</th><th>OWASP</th><th>severity</th><th>evidence</th></tr>${checks.join("")}</table>
${advice.length === 0 ? "" : `<h3>What to do</h3><ul>${advice.join("")}</ul>`}</details>`;
}

function commitOf(p: InventoryItem["locations"][number]["provenance"]): string {
  const c = locationCommit(p);
  return c === undefined ? "" : `${c.sha.slice(0, 8)} ${c.author} ${c.date.slice(0, 10)}`;
}
