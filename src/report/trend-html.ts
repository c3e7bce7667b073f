import type { TrendReport, TrendRow } from "../model/store.js";
import { barChart } from "./html-charts.js";
import { documentHead, esc, STYLE } from "./html-assets.js";

const W = 560;
const H = 220;
// Room on the right for half of the last date label (centred under its point).
const PAD = { left: 44, right: 40, top: 24, bottom: 40 };

/**
 * The trend as one self-contained HTML file: open credentials over time, new vs remediated per
 * scan, and days to remediate by owner, all inline SVG. No script; the policy forbids every fetch.
 */
export function formatTrendHtml(trend: TrendReport): string {
  const last = trend.scans[trend.scans.length - 1];
  return `${documentHead("nhiscan inventory trend", TREND_STYLE)}
<header><h1>Inventory trend</h1>
<p class="meta">${trend.scans.length} scan(s)${last === undefined ? "" : ` · latest ${esc(last.at)} · ${last.open} open`}</p></header>
<main>
<div class="charts">
${openChart(trend.scans)}
${changeChart(trend.scans)}
${barChart(
  "chart-remediation",
  "Median days to remediate by owner",
  trend.remediationByOwner.map((o) => [o.owner, o.medianDays] as const),
)}
</div>
<section aria-labelledby="scans-h"><h2 id="scans-h">Scans</h2>
<table id="scans"><thead><tr><th>Scanned at</th><th>Targets</th><th>Open</th><th>New</th><th>Remediated</th><th>Reopened</th><th>Median days to remediate</th></tr></thead>
<tbody>
${trend.scans
  .map(
    (s) =>
      `<tr><td>${esc(s.at)}</td><td>${esc(`${s.mode}: ${s.targets.join(", ")}`)}</td><td>${s.open}</td><td>${s.new}</td><td>${s.remediated}</td><td>${s.reopened}</td><td>${s.medianDaysToRemediate ?? "—"}</td></tr>`,
  )
  .join("\n")}
</tbody></table></section>
</main>
<footer>Exposure runs from the commit that introduced a value to the commit that removed it from HEAD (scan times when git does not know).</footer>
</body>
</html>
`;
}

const TREND_STYLE = `${STYLE}
.line { fill: none; stroke: var(--accent); stroke-width: 2; } .dot { fill: var(--accent); }
.new { fill: #cf222e; } .remediated { fill: #1a7f37; } .axis { stroke: var(--line); }
.legend rect { stroke: none; }
`;

function xAt(i: number, n: number): number {
  const span = W - PAD.left - PAD.right;
  return PAD.left + (n <= 1 ? span / 2 : (i * span) / (n - 1));
}

function yScale(max: number): (v: number) => number {
  const span = H - PAD.top - PAD.bottom;
  return (v) => PAD.top + span - (max === 0 ? 0 : (v / max) * span);
}

/**
 * How each scan is named on the x axis: its day, or its day and UTC time when several scans share
 * a day (a nightly job rerun by hand), so no two points carry the same label.
 */
function scanLabels(scans: readonly TrendRow[]): string[] {
  const days = scans.map((s) => s.at.slice(0, 10));
  const repeated = new Set(days.filter((d, i) => days.indexOf(d) !== i));
  return scans.map((s, i) => (repeated.has(days[i] ?? "") ? `${s.at.slice(5, 10)} ${s.at.slice(11, 16)}` : (days[i] ?? "")));
}

/** Scan labels under the x axis, thinned so they do not overlap. */
function xLabels(scans: readonly TrendRow[], x: (i: number) => number): string {
  const every = Math.max(1, Math.ceil(scans.length / 6));
  const labels = scanLabels(scans);
  return scans
    .map((_, i) =>
      i % every === 0 || i === scans.length - 1
        ? `<text x="${x(i).toFixed(1)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${esc(labels[i] ?? "")}</text>`
        : "",
    )
    .join("");
}

function axes(max: number): string {
  const y = yScale(max);
  return `<line class="axis" x1="${PAD.left}" y1="${y(0)}" x2="${W - PAD.right}" y2="${y(0)}"/><line class="axis" x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${y(0)}"/>
<text x="${PAD.left - 6}" y="${y(max) + 4}" text-anchor="end">${max}</text><text x="${PAD.left - 6}" y="${y(0) + 4}" text-anchor="end">0</text>`;
}

function openChart(scans: readonly TrendRow[]): string {
  const max = Math.max(1, ...scans.map((s) => s.open));
  const y = yScale(max);
  const x = (i: number) => xAt(i, scans.length);
  const points = scans.map((s, i) => `${x(i).toFixed(1)},${y(s.open).toFixed(1)}`).join(" ");
  const dots = scans
    .map((s, i) => `<circle class="dot" cx="${x(i).toFixed(1)}" cy="${y(s.open).toFixed(1)}" r="3.5"><title>${esc(`${s.at}: ${s.open} open`)}</title></circle>`)
    .join("");
  const labels = scanLabels(scans);
  const summary = scans.map((s, i) => `${labels[i]} ${s.open}`).join(", ");
  return `<figure id="chart-open" class="chart"><figcaption>Open credentials over time</figcaption>
<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(`Open credentials over time: ${summary || "no scans"}`)}">
${axes(max)}<polyline class="line" points="${points}"/>${dots}${xLabels(scans, x)}
</svg></figure>`;
}

function changeChart(scans: readonly TrendRow[]): string {
  const max = Math.max(1, ...scans.flatMap((s) => [s.new, s.remediated]));
  const y = yScale(max);
  const x = (i: number) => xAt(i, scans.length);
  const slot = Math.min(40, (W - PAD.left - PAD.right) / Math.max(1, scans.length) - 6);
  const bar = (cls: string, cx: number, v: number, label: string) =>
    `<rect class="${cls}" x="${cx.toFixed(1)}" y="${y(v).toFixed(1)}" width="${(slot / 2).toFixed(1)}" height="${(y(0) - y(v)).toFixed(1)}"><title>${esc(label)}</title></rect>`;
  const bars = scans
    .map((s, i) => bar("new", x(i) - slot / 2, s.new, `${s.at}: ${s.new} new`) + bar("remediated", x(i), s.remediated, `${s.at}: ${s.remediated} remediated`))
    .join("");
  const legend = `<g class="legend"><rect class="new" x="${W - 170}" y="4" width="10" height="10"/><text x="${W - 156}" y="13">new</text><rect class="remediated" x="${W - 110}" y="4" width="10" height="10"/><text x="${W - 96}" y="13">remediated</text></g>`;
  const labels = scanLabels(scans);
  const summary = scans.map((s, i) => `${labels[i]} +${s.new} -${s.remediated}`).join(", ");
  return `<figure id="chart-changes" class="chart"><figcaption>New vs remediated per scan</figcaption>
<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(`New vs remediated per scan: ${summary || "no scans"}`)}">
${axes(max)}${bars}${legend}${xLabels(scans, x)}
</svg></figure>`;
}
