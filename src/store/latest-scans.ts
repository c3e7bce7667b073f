import type { Credential } from "../model/inventory.js";
import type { ScanReport } from "../model/report.js";
import type { Store } from "./open.js";

/** A report as the store keeps it: the header, and the items without grading. */
export interface RecordedScan {
  readonly target: string;
  readonly header: Omit<ScanReport, "items" | "policy" | "summary">;
  readonly credentials: readonly Credential[];
}

const COMPLETE_MODES = new Set(["working-tree", "history"]);

/**
 * The latest scan of every target (a complete one — working tree or history — when the target
 * has one), as recorded: what the organisation report merges. Targets whose latest scan was
 * recorded before the store kept reports (schema 1) are returned in `unreadable`.
 */
export async function latestScans(store: Store): Promise<{ scans: RecordedScan[]; unreadable: string[] }> {
  const rows = await store.all<{ seq: number; target: string; mode: string; header: string | null }>(
    "SELECT seq, target, mode, header FROM scans ORDER BY seq",
  );
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const kept = latest.get(row.target);
    if (kept === undefined || COMPLETE_MODES.has(row.mode) || !COMPLETE_MODES.has(kept.mode)) latest.set(row.target, row);
  }
  const scans: RecordedScan[] = [];
  const unreadable: string[] = [];
  for (const [target, row] of [...latest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const items = await store.all<{ item: string | null }>("SELECT item FROM sightings WHERE scan_seq = ? ORDER BY credential_id", [row.seq]);
    if (row.header === null || items.some((i) => i.item === null)) {
      unreadable.push(target);
      continue;
    }
    scans.push({
      target,
      header: JSON.parse(row.header) as RecordedScan["header"],
      credentials: items.map((i) => JSON.parse(i.item as string) as Credential),
    });
  }
  return { scans, unreadable };
}
