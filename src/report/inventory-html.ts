import type { StoredCredential } from "../model/store.js";
import { documentHead, esc, STYLE } from "./html-assets.js";

/**
 * `inventory list --format html`: the persistent inventory as one self-contained page, a row per
 * credential with its state, owner, exposure and audit trail. No script; the policy forbids every fetch.
 */
export function formatInventoryHtml(credentials: readonly StoredCredential[]): string {
  const open = credentials.filter((c) => c.state === "open").length;
  const rows = credentials.map(
    (c) => `<tr class="state-${esc(c.state)}">
<td><code>${esc(c.credentialId.slice(0, 12))}</code></td><td>${esc(c.state)}</td><td>${esc(c.grade ?? "—")}</td>
<td>${esc(c.kind)}<br><span class="muted">${esc(c.provider)}</span></td><td><code>${esc(c.preview)}</code></td>
<td>${esc(c.owner ?? "no owner hint found")}${c.ownerAssigned ? ' <span class="muted">(assigned)</span>' : ""}</td>
<td>${c.exposureDays}</td><td>${esc(day(c.firstCommittedAt ?? c.firstSeenAt))}</td><td>${esc(c.remediatedAt === null ? "—" : day(c.remediatedAt))}</td>
<td>${esc(c.failingChecks.join(", ") || "none")}</td>
<td>${c.locations.map((l) => `<code>${esc(l)}</code>`).join("<br>")}</td>
<td>${events(c)}</td></tr>`,
  );
  return `${documentHead("nhiscan inventory", INVENTORY_STYLE)}
<header><h1>Credential inventory</h1>
<p class="meta">${credentials.length} credential(s), ${open} open</p></header>
<main>
${
  credentials.length === 0
    ? "<p>No credentials recorded.</p>"
    : `<table id="inventory"><thead><tr><th>Id</th><th>State</th><th>Grade</th><th>Kind</th><th>Value</th><th>Owner</th><th>Days exposed</th><th>Introduced</th><th>Remediated</th><th>Failing checks</th><th>Locations</th><th>Audit trail</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>`
}
</main>
<footer>Values are redacted previews: the store never holds a raw secret. Exposure runs from the introducing commit (else the first scan) to removal (else now).</footer>
</body>
</html>
`;
}

function events(c: StoredCredential): string {
  if (c.events.length === 0) return "—";
  const items = c.events.map(
    (e) =>
      `<li>${esc(day(e.at))} ${esc(e.actor)}: ${esc(e.action)}${e.to === null ? "" : ` (${esc(e.from ?? "new")} → ${esc(e.to)})`}${e.note === null ? "" : ` — ${esc(e.note)}`}</li>`,
  );
  return `<details><summary>${c.events.length} event(s)</summary><ul>${items.join("")}</ul></details>`;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

const INVENTORY_STYLE = `${STYLE}
table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
.muted { color: var(--muted); } tr.state-remediated td, tr.state-rotated td, tr.state-revoked td { color: var(--muted); }
`;
