import type { InventoryItem } from "../model/inventory.js";
import type { ScanReport } from "../model/report.js";
import { displayValue, placesOf } from "./facts.js";
import { esc } from "./html-assets.js";

const WIDTH = 360;
const ROW_H = 22;
// Labels are 11px sans-serif text. The label column is as wide as the longest label needs (within
// bounds); a label still wider than its column (wide glyphs: `@`, `M`, `W`) is pinned to the column
// with textLength, so right-aligned labels never run off the left edge.
const CHAR_W = 6.6;
const LABEL_MIN = 60;
const LABEL_MAX = 180;
const LABEL_GAP = 6;
const COUNT_ROOM = 34;
const MAX_ROWS = 10;

/** Truncates a label for a chart, keeping the full text for the tooltip. */
function clip(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** A generous width of 11px sans-serif text in user units: wide glyphs count as wide. */
function textWidth(text: string): number {
  let w = 0;
  for (const c of text) w += /[@MWmw%]/.test(c) ? 10.5 : /[A-Z&#<>]/.test(c) ? 8 : /[ il.,:;'|!ftrj()[\]/\\-]/.test(c) ? 4 : 6.6;
  return w;
}

/**
 * A horizontal bar chart as inline SVG. `rows` beyond the first ten are folded into "other";
 * `classOf` picks a bar colour class per label.
 */
export function barChart(id: string, title: string, rows: readonly (readonly [string, number])[], classOf: (label: string) => string = () => "bar"): string {
  const shown = rows.length > MAX_ROWS ? [...rows.slice(0, MAX_ROWS - 1), ["other", rows.slice(MAX_ROWS - 1).reduce((s, [, n]) => s + n, 0)] as const] : rows;
  const max = Math.max(1, ...shown.map(([, n]) => n));
  const longest = Math.max(0, ...shown.map(([label]) => [...label].length));
  const labelW = Math.round(Math.min(LABEL_MAX, Math.max(LABEL_MIN, longest * CHAR_W + LABEL_GAP + 4)));
  const fits = Math.floor((labelW - LABEL_GAP - 4) / CHAR_W);
  const barW = WIDTH - labelW - COUNT_ROOM;
  const height = Math.max(1, shown.length) * ROW_H + 8;
  const bars = shown.map(([label, n], i) => {
    const y = 4 + i * ROW_H;
    const w = n === 0 ? 0 : Math.max(2, Math.round((n / max) * barW));
    return [
      `<g><title>${esc(`${label}: ${n}`)}</title>`,
      labelText(clip(label, fits), labelW - LABEL_GAP, y + 14, labelW - LABEL_GAP - 4),
      `<rect class="${esc(classOf(label))}" x="${labelW}" y="${y + 3}" width="${w}" height="${ROW_H - 8}" rx="2"/>`,
      `<text class="count" x="${labelW + w + 6}" y="${y + 14}">${n}</text></g>`,
    ].join("");
  });
  const summary = shown.map(([label, n]) => `${label} ${n}`).join(", ");
  const body = shown.length === 0 ? `<text x="8" y="18">nothing to chart</text>` : bars.join("\n");
  return `<figure id="${esc(id)}" class="chart"><figcaption>${esc(title)}</figcaption>
<svg viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${esc(`${title}: ${summary || "none"}`)}">
${body}
</svg></figure>`;
}

/** A right-aligned label, squeezed to `room` units when its glyphs are wider than the estimate that sized the column. */
function labelText(label: string, x: number, y: number, room: number): string {
  const squeeze = textWidth(label) > room ? ` textLength="${room}" lengthAdjust="spacingAndGlyphs"` : "";
  return `<text x="${x}" y="${y}" text-anchor="end"${squeeze}>${esc(label)}</text>`;
}

const SHARED_SHOWN = 8;
const PLACES_SHOWN = 24;

/**
 * The sharing view: credentials found in more than one place (file or repository), drawn as a
 * graph from each credential to its places, with the same facts as a list for screen readers.
 */
export function sharingGraph(report: ScanReport, items: readonly InventoryItem[]): string {
  const shared = items
    .map((item) => ({ item, places: placesOf(item) }))
    .filter((s) => s.places.length > 1)
    .sort((a, b) => b.places.length - a.places.length)
    .slice(0, SHARED_SHOWN);
  if (shared.length === 0) return `<p class="muted" id="sharing-none">No credential appears in more than one place.</p>`;
  const places = [...new Set(shared.flatMap((s) => s.places))].slice(0, PLACES_SHOWN);
  const rows = Math.max(shared.length, places.length);
  const height = rows * 26 + 12;
  const leftY = (i: number) => 10 + i * ((height - 20) / Math.max(1, shared.length)) + 8;
  const rightY = (i: number) => 10 + i * 26 + 8;
  const edges = shared.flatMap((s, i) =>
    s.places
      .map((p) => places.indexOf(p))
      .filter((j) => j >= 0)
      .map((j) => `<path class="edge c${i % 8}" d="M 250 ${leftY(i)} C 370 ${leftY(i)}, 390 ${rightY(j)}, 500 ${rightY(j)}"/>`),
  );
  const left = shared.map(
    (s, i) =>
      `<g><title>${esc(`${displayValue(s.item, report)}: ${s.places.length} places`)}</title><rect class="node" x="4" y="${leftY(i) - 10}" width="246" height="20" rx="4"/><text x="10" y="${leftY(i) + 4}">${esc(`${s.item.grade} · ${clip(displayValue(s.item, report), 26)} · ${s.places.length}`)}</text></g>`,
  );
  const right = places.map(
    (p, j) =>
      `<g><title>${esc(p)}</title><rect class="node" x="500" y="${rightY(j) - 10}" width="296" height="20" rx="4"/><text x="506" y="${rightY(j) + 4}">${esc(clip(p, 46))}</text></g>`,
  );
  const list = shared.map(
    (s) =>
      `<li><code>${esc(displayValue(s.item, report))}</code> (grade ${esc(s.item.grade)}): ${s.places.map((p) => `<code>${esc(p)}</code>`).join(", ")}</li>`,
  );
  return `<figure id="sharing" class="chart"><figcaption>Credentials in several places (files or repositories)</figcaption>
<svg viewBox="0 0 800 ${height}" width="100%" role="img" aria-label="${esc(`${shared.length} credentials shared across ${places.length} places`)}">
${[...edges, ...left, ...right].join("\n")}
</svg>
<ul class="mono">${list.join("")}</ul></figure>`;
}
