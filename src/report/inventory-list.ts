import type { InventoryFormat } from "./format-names.js";
import type { StoredCredential } from "../model/store.js";
import { csvCell } from "./csv.js";
import { formatInventoryHtml } from "./inventory-html.js";
import { fitColumns } from "./terminal-width.js";

/** `inventory list` output: `{ "credentials": [...] }`, a CSV row per credential, or a terminal listing. */
export function formatInventory(credentials: readonly StoredCredential[], format: InventoryFormat, options: { columns?: number } = {}): string {
  if (format === "json") return `${JSON.stringify({ credentials }, null, 2)}\n`;
  if (format === "csv") return csv(credentials);
  if (format === "html") return formatInventoryHtml(credentials);
  return table(credentials, options.columns);
}

const CSV_HEADER = [
  "credential_id",
  "state",
  "kind",
  "provider",
  "preview",
  "owner",
  "grade",
  "first_seen_at",
  "last_seen_at",
  "first_committed_at",
  "remediated_at",
  "exposure_days",
  "targets",
  "failing_checks",
  "events",
];

function csv(credentials: readonly StoredCredential[]): string {
  const rows = credentials.map((c) => [
    c.credentialId,
    c.state,
    c.kind,
    c.provider,
    c.preview,
    c.owner ?? "",
    c.grade ?? "",
    c.firstSeenAt,
    c.lastSeenAt,
    c.firstCommittedAt ?? "",
    c.remediatedAt ?? "",
    String(c.exposureDays),
    c.targets.join(" "),
    c.failingChecks.join(" "),
    String(c.events.length),
  ]);
  return `${[CSV_HEADER, ...rows].map((cells) => cells.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/** One block per credential: short lines that fit any terminal, clipped to its width. */
function table(credentials: readonly StoredCredential[], columns: number | undefined): string {
  if (credentials.length === 0) return "No credentials recorded.\n";
  const lines: string[] = [];
  for (const c of credentials) {
    lines.push(`${c.credentialId.slice(0, 12)}  ${c.state.toUpperCase()}  ${c.grade ?? "-"}  ${c.kind} / ${c.provider}  ${c.preview}`);
    lines.push(`  owner: ${c.owner ?? "no owner hint found"}${c.ownerAssigned ? " (assigned)" : ""}`);
    lines.push(
      `  exposed ${c.exposureDays} d: ${c.firstCommittedAt === null ? `first seen ${day(c.firstSeenAt)}` : `committed ${day(c.firstCommittedAt)}`}` +
        (c.remediatedAt === null ? "" : `, removed ${day(c.remediatedAt)}${c.removedInCommit === null ? "" : ` (${c.removedInCommit.slice(0, 8)})`}`),
    );
    if (c.locations.length > 0) lines.push(`  at: ${c.locations.slice(0, 3).join(", ")}${c.locations.length > 3 ? `, … ${c.locations.length - 3} more` : ""}`);
    const last = c.events[c.events.length - 1];
    if (last !== undefined)
      lines.push(
        `  last event: ${day(last.at)} ${last.actor} ${last.action}${last.to === null ? "" : ` (${last.from ?? "new"} → ${last.to})`}${last.note === null ? "" : ` (${last.note})`}`,
      );
    lines.push("");
  }
  const open = credentials.filter((c) => c.state === "open").length;
  lines.push(`${credentials.length} credential(s), ${open} open.`);
  return `${fitColumns(lines, columns).join("\n")}\n`;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}
