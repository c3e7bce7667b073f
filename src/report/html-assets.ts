import { createHash } from "node:crypto";

/** Escapes text for HTML content and quoted attributes. */
export function esc(value: string | number): string {
  return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** CSP source for an inline block: allowed by its exact hash, so nothing else inline can run. */
export function cspHash(content: string): string {
  return `'sha256-${createHash("sha256").update(content, "utf8").digest("base64")}'`;
}

/**
 * The start of a self-contained report page up to `<body>`: a policy that forbids every fetch and
 * allows only this style (and script) block by hash, no referrer, the escaped title.
 */
export function documentHead(title: string, style: string, script?: string): string {
  // Only fixed words and base64 hashes: nothing in the policy needs escaping.
  const scriptSrc = script === undefined ? "" : ` script-src ${cspHash(script)};`;
  const csp = `default-src 'none'; style-src ${cspHash(style)};${scriptSrc} img-src 'none'; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${style}</style>
</head>
<body>`;
}

export const STYLE = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 12px; } h3 { font-size: 14px; margin: 12px 0 6px; }
.meta, .muted, figcaption { color: var(--muted); }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; overflow-wrap: anywhere; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; margin-top: 20px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: var(--bg); }
.card .n { font-size: 26px; font-weight: 650; } .card .l { color: var(--muted); }
.card.bad { border-color: #cf222e; background: #ffebe9; } .card.good { border-color: #1a7f37; background: #dafbe1; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 16px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 12px; }
figcaption { font-weight: 600; margin-bottom: 6px; }
svg text { font: 11px system-ui, sans-serif; fill: var(--fg); } svg .count { fill: var(--muted); }
.bar { fill: var(--accent); } .g-A { fill: #1a7f37; } .g-B { fill: #4ac26b; } .g-C { fill: #d4a72c; } .g-D { fill: #e16f24; } .g-F { fill: #cf222e; }
.edge { stroke-width: 1.5; fill: none; opacity: .7; } .node { fill: var(--bg); stroke: var(--line); }
.c0 { stroke: #0969da; } .c1 { stroke: #cf222e; } .c2 { stroke: #8250df; } .c3 { stroke: #1a7f37; }
.c4 { stroke: #bc4c00; } .c5 { stroke: #0550ae; } .c6 { stroke: #bf3989; } .c7 { stroke: #4d2d00; }
.controls { display: flex; gap: 12px; align-items: center; margin-bottom: 8px; }
input[type=search] { flex: 1; max-width: 420px; padding: 6px 10px; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
thead th { background: var(--bg); position: sticky; top: 0; }
th button { all: unset; cursor: pointer; font-weight: 600; } th button::after { content: " \\2195"; color: var(--muted); }
th[aria-sort=ascending] button::after { content: " \\2191"; } th[aria-sort=descending] button::after { content: " \\2193"; }
tr.detail td { border-bottom: 2px solid var(--line); padding-top: 0; }
details summary { cursor: pointer; color: var(--accent); }
.grade { display: inline-block; min-width: 24px; text-align: center; border-radius: 4px; color: #fff; font-weight: 700; }
.grade.A { background: #1a7f37; } .grade.B { background: #4ac26b; } .grade.C { background: #9a6700; } .grade.D { background: #bc4c00; } .grade.F { background: #cf222e; }
.fail { color: #cf222e; font-weight: 600; } .pass { color: #1a7f37; } .not-applicable { color: var(--muted); }
.inner td, .inner th { border-bottom: 1px solid #eaeef2; padding: 3px 6px; }
footer { margin: 32px auto; color: var(--muted); }
`;

// Sorting and filtering only: no data is read from anywhere but the DOM, nothing is fetched.
export const SCRIPT = `
(() => {
  "use strict";
  const table = document.getElementById("inventory");
  const filter = document.getElementById("filter");
  const shown = document.getElementById("shown");
  if (!table || !filter || !shown) return;
  const groups = () => Array.from(table.tBodies);
  const applyFilter = () => {
    const terms = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    let visible = 0;
    for (const group of groups()) {
      const hit = terms.every((term) => (group.dataset.text || "").includes(term));
      group.hidden = !hit;
      if (hit) visible++;
    }
    shown.textContent = visible + " of " + table.tBodies.length + " shown";
  };
  filter.addEventListener("input", applyFilter);
  for (const button of table.querySelectorAll("thead button")) {
    button.addEventListener("click", () => {
      const th = button.closest("th");
      const key = button.dataset.key;
      const numeric = button.dataset.type === "num";
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      for (const other of table.querySelectorAll("thead th")) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const sorted = groups().sort((a, b) => {
        const x = a.dataset[key] || "";
        const y = b.dataset[key] || "";
        const order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return ascending ? order : -order;
      });
      for (const group of sorted) table.appendChild(group);
    });
  }
  applyFilter();
})();
`;
