import { GRADES } from "../model/check.js";
import { NO_OWNER_HINT } from "../inventory/lifecycle.js";
import type { Grade } from "../model/check.js";
import type { CredentialState, OwnerRemediation, StoreEvent, StoredCredential, TrendReport, TrendRow } from "../model/store.js";
import { median, percentile } from "../util/stats.js";
import { storedExposureDays } from "./exposure.js";
import type { Store } from "./open.js";

interface CredentialRow {
  credential_id: string;
  kind: string;
  provider: string;
  preview: string;
  state: CredentialState;
  first_seen_at: string;
  last_seen_at: string;
  first_committed_at: string | null;
  remediated_at: string | null;
  removed_commit: string | null;
  closed_at: string | null;
  owner: string | null;
  owner_hint: string | null;
  grade: Grade | null;
  failing_checks: string;
}

interface EventRow {
  at: string;
  actor: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  note: string | null;
  scan_id: string | null;
}

/** Every credential ever recorded (optionally in one state), most exposed first, with its audit trail. */
export async function listCredentials(store: Store, options: { state?: CredentialState; now: string }): Promise<StoredCredential[]> {
  const rows = await store.all<CredentialRow>(
    `SELECT * FROM credentials ${options.state === undefined ? "" : "WHERE state = ?"} ORDER BY first_seen_at, credential_id`,
    options.state === undefined ? [] : [options.state],
  );
  // Three queries for the whole store, grouped here: one round trip each, not three per credential.
  const events = groupBy(
    await store.all<EventRow & { credential_id: string }>(
      "SELECT e.credential_id, e.at, e.actor, e.action, e.from_state, e.to_state, e.note, s.scan_id FROM events e LEFT JOIN scans s ON s.seq = e.scan_seq ORDER BY e.seq",
    ),
  );
  const targets = groupBy(
    await store.all<{ credential_id: string; target: string }>("SELECT DISTINCT credential_id, target FROM target_credentials ORDER BY credential_id, target"),
  );
  // Per target, the latest scan that saw it: shards writing one store at once, or joined
  // later, give the same list whatever order their scans landed in.
  const locations = groupBy(
    await store.all<{ credential_id: string; repository: string | null; path: string; line: number }>(
      `SELECT DISTINCT l.credential_id, l.repository, l.path, l.line FROM locations l JOIN (
         SELECT l2.credential_id, max(l2.scan_seq) AS seq FROM locations l2 JOIN scans s2 ON s2.seq = l2.scan_seq GROUP BY l2.credential_id, s2.target
       ) latest ON latest.credential_id = l.credential_id AND latest.seq = l.scan_seq`,
    ),
  );
  const list = rows.map((row): StoredCredential => {
    const id = row.credential_id;
    const where = [...(locations.get(id) ?? [])].sort(
      (a, b) => compareText(a.path, b.path) || a.line - b.line || compareText(a.repository ?? "", b.repository ?? ""),
    );
    return {
      credentialId: id,
      kind: row.kind,
      provider: row.provider,
      preview: row.preview,
      state: row.state,
      firstSeenAt: row.first_seen_at,
      lastSeenAt: row.last_seen_at,
      firstCommittedAt: row.first_committed_at,
      remediatedAt: row.remediated_at,
      removedInCommit: row.removed_commit,
      exposureDays: storedExposureDays(row, options.now),
      owner: row.owner ?? row.owner_hint,
      ownerAssigned: row.owner !== null,
      grade: row.grade,
      failingChecks: JSON.parse(row.failing_checks) as string[],
      targets: (targets.get(id) ?? []).map((t) => t.target),
      locations: where.map((l) => `${l.repository === null ? "" : `${l.repository}:`}${l.path}:${l.line}`),
      events: (events.get(id) ?? []).map(toEvent),
    };
  });
  return list.sort((a, b) => b.exposureDays - a.exposureDays || (a.credentialId < b.credentialId ? -1 : 1));
}

/** Rows by credential id, in query order. */
function groupBy<T extends { credential_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.credential_id);
    if (group === undefined) groups.set(row.credential_id, [row]);
    else group.push(row);
  }
  return groups;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toEvent(row: EventRow): StoreEvent {
  return {
    at: row.at,
    actor: row.actor,
    action: row.action,
    from: row.from_state,
    to: row.to_state,
    note: row.note,
    ...(row.scan_id === null ? {} : { scanId: row.scan_id }),
  };
}

/** One row per recorded scan, oldest first, and days to remediate by owner. */
export async function readTrend(store: Store): Promise<TrendReport> {
  const scans = await store.all<{ seq: number; scan_id: string; at: string; targets: string; mode: string; open_after: number; by_grade: string }>(
    "SELECT seq, scan_id, at, targets, mode, open_after, by_grade FROM scans ORDER BY at, seq",
  );
  const rows: TrendRow[] = [];
  for (const scan of scans) {
    const changes = await store.all<{ action: string; days: number | null }>("SELECT action, days FROM events WHERE scan_seq = ?", [scan.seq]);
    const count = (action: string) => changes.filter((e) => e.action === action).length;
    const days = changes.filter((e) => e.action === "remediated" && e.days !== null).map((e) => e.days as number);
    const byGrade = { ...(Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>), ...(JSON.parse(scan.by_grade) as Record<Grade, number>) };
    rows.push({
      scanId: scan.scan_id,
      at: scan.at,
      targets: JSON.parse(scan.targets) as string[],
      mode: scan.mode,
      open: scan.open_after,
      new: count("discovered"),
      remediated: count("remediated"),
      reopened: count("reopened"),
      byGrade,
      medianDaysToRemediate: median(days) ?? null,
    });
  }
  return { store: store.label, scans: rows, remediationByOwner: await remediationByOwner(store) };
}

/** Exposure days of every remediated credential, grouped by owner (assigned, else the best hint). */
async function remediationByOwner(store: Store): Promise<OwnerRemediation[]> {
  const rows = await store.all<{
    owner: string | null;
    owner_hint: string | null;
    first_committed_at: string | null;
    first_seen_at: string;
    closed_at: string;
  }>(
    "SELECT owner, owner_hint, first_committed_at, first_seen_at, closed_at FROM credentials WHERE remediated_at IS NOT NULL AND closed_at IS NOT NULL ORDER BY credential_id",
  );
  const byOwner = new Map<string, number[]>();
  for (const row of rows) {
    const owner = row.owner ?? row.owner_hint ?? NO_OWNER_HINT;
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), storedExposureDays(row, row.closed_at)]);
  }
  return [...byOwner]
    .map(([owner, days]) => ({ owner, count: days.length, medianDays: median(days) ?? 0, p90Days: percentile(days, 90) ?? 0 }))
    .sort((a, b) => b.medianDays - a.medianDays || (a.owner < b.owner ? -1 : 1));
}
