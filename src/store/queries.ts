import { GRADES } from "../model/check.js";
import type { Grade } from "../model/check.js";
import type { CredentialState, OwnerRemediation, StoreEvent, StoredCredential, TrendReport, TrendRow } from "../model/store.js";
import { median, percentile } from "../util/stats.js";
import { storedExposureDays } from "./exposure.js";
import { guard } from "./open.js";
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

const NO_OWNER = "no owner hint found";

/** Every credential ever recorded (optionally in one state), most exposed first, with its audit trail. */
export function listCredentials(store: Store, options: { state?: CredentialState; now: string }): StoredCredential[] {
  const { db } = store;
  return guard(store.file, () => {
    const rows = db
      .prepare(`SELECT * FROM credentials ${options.state === undefined ? "" : "WHERE state = ?"} ORDER BY first_seen_at, credential_id`)
      .all(...(options.state === undefined ? [] : [options.state])) as CredentialRow[];
    const events = db.prepare(
      "SELECT e.at, e.actor, e.action, e.from_state, e.to_state, e.note, s.scan_id FROM events e LEFT JOIN scans s ON s.seq = e.scan_seq WHERE e.credential_id = ? ORDER BY e.seq",
    );
    const targets = db.prepare("SELECT DISTINCT target FROM target_credentials WHERE credential_id = ? ORDER BY target");
    const locations = db.prepare(
      `SELECT repository, path, line FROM locations WHERE credential_id = ? AND scan_seq = (SELECT max(scan_seq) FROM locations WHERE credential_id = ?)
       ORDER BY path, line`,
    );
    const list = rows.map((row): StoredCredential => ({
      credentialId: row.credential_id,
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
      targets: (targets.all(row.credential_id) as { target: string }[]).map((t) => t.target),
      locations: (locations.all(row.credential_id, row.credential_id) as { repository: string | null; path: string; line: number }[]).map(
        (l) => `${l.repository === null ? "" : `${l.repository}:`}${l.path}:${l.line}`,
      ),
      events: (events.all(row.credential_id) as EventRow[]).map(toEvent),
    }));
    return list.sort((a, b) => b.exposureDays - a.exposureDays || (a.credentialId < b.credentialId ? -1 : 1));
  });
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
export function readTrend(store: Store): TrendReport {
  const { db } = store;
  return guard(store.file, () => {
    const scans = db.prepare("SELECT seq, scan_id, at, targets, mode, open_after, by_grade FROM scans ORDER BY at, seq").all() as {
      seq: number;
      scan_id: string;
      at: string;
      targets: string;
      mode: string;
      open_after: number;
      by_grade: string;
    }[];
    const events = db.prepare("SELECT action, days FROM events WHERE scan_seq = ?");
    const rows = scans.map((scan): TrendRow => {
      const changes = events.all(scan.seq) as { action: string; days: number | null }[];
      const count = (action: string) => changes.filter((e) => e.action === action).length;
      const days = changes.filter((e) => e.action === "remediated" && e.days !== null).map((e) => e.days as number);
      const byGrade = { ...(Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>), ...(JSON.parse(scan.by_grade) as Record<Grade, number>) };
      return {
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
      };
    });
    return { store: store.file, scans: rows, remediationByOwner: remediationByOwner(store) };
  });
}

/** Exposure days of every remediated credential, grouped by owner (assigned, else the best hint). */
function remediationByOwner(store: Store): OwnerRemediation[] {
  const rows = store.db
    .prepare("SELECT owner, owner_hint, first_committed_at, first_seen_at, closed_at FROM credentials WHERE remediated_at IS NOT NULL AND closed_at IS NOT NULL")
    .all() as { owner: string | null; owner_hint: string | null; first_committed_at: string | null; first_seen_at: string; closed_at: string }[];
  const byOwner = new Map<string, number[]>();
  for (const row of rows) {
    const owner = row.owner ?? row.owner_hint ?? NO_OWNER;
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), storedExposureDays(row, row.closed_at)]);
  }
  return [...byOwner]
    .map(([owner, days]) => ({ owner, count: days.length, medianDays: median(days) ?? 0, p90Days: percentile(days, 90) ?? 0 }))
    .sort((a, b) => b.medianDays - a.medianDays || (a.owner < b.owner ? -1 : 1));
}
