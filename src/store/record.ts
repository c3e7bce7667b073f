import { randomUUID } from "node:crypto";
import { GRADES } from "../model/check.js";
import type { Grade } from "../model/check.js";
import type { CommitInfo } from "../model/fragment.js";
import type { InventoryItem } from "../model/inventory.js";
import type { ScanReport } from "../model/report.js";
import type { BaselineStatus } from "../model/baseline.js";
import type { CredentialState } from "../model/store.js";
import { removingCommit } from "../inventory/exposure.js";
import { introducingCommit, locationCommit, primaryOwner } from "../inventory/lifecycle.js";
import { daysBetween } from "./exposure.js";
import { guard } from "./open.js";
import type { Store } from "./open.js";

/** How a scan is recorded: which target it covers and whether it saw all of it. */
export interface RecordContext {
  /** Identity of the scanned target set (resolved paths): credentials are tracked per target. */
  readonly target: string;
  /** Targets as given, for display. */
  readonly targets: readonly string[];
  /** working-tree | history | since | range | staged */
  readonly mode: string;
  /**
   * Whether the scan saw the whole of HEAD (working tree, --history): only then does a
   * credential it no longer sees become remediated. Partial scans (--since, --staged) only add.
   */
  readonly complete: boolean;
  readonly toolVersion: string;
  /**
   * The scan's baseline entries by credential id (status when rotated/revoked): a credential the
   * baseline accepts is suppressed from the report, so it is `accepted` here, not remediated.
   */
  readonly baseline?: ReadonlyMap<string, BaselineStatus | undefined>;
}

/** A credential the target held at its last scan, with where it was: input to the removal lookup. */
export interface GoneCredential {
  readonly credentialId: string;
  /** Latest recorded locations in HEAD. */
  readonly locations: readonly { readonly repository: string | null; readonly path: string; readonly line: number }[];
  /** Time of the latest scan that saw it. */
  readonly lastSeenAt: string;
}

/** What recording changed; the CLI prints it. */
export interface RecordResult {
  readonly scanId: string;
  readonly added: number;
  readonly remediated: number;
  readonly reopened: number;
  readonly open: number;
}

const SCANNER = "nhiscan";
/** The actor of state changes that mirror the baseline file. */
const BASELINE_ACTOR = "baseline";

/** Credentials the target held in HEAD at its last scan that this report does not see in HEAD. */
export function goneCredentials(store: Store, report: ScanReport, context: RecordContext): GoneCredential[] {
  if (!context.complete) return [];
  const seen = new Set(report.items.filter((i) => i.inHead).map((i) => i.credentialId));
  return guard(store.file, () => {
    const rows = store.db
      .prepare(
        `SELECT t.credential_id AS id, c.last_seen_at AS lastSeenAt FROM target_credentials t JOIN credentials c USING (credential_id)
         WHERE t.target = ? AND t.present = 1 AND c.state = 'open'`,
      )
      .all(context.target) as { id: string; lastSeenAt: string }[];
    const where = store.db.prepare(
      `SELECT repository, path, line FROM locations WHERE credential_id = ? AND in_head = 1
       AND scan_seq = (SELECT max(scan_seq) FROM locations WHERE credential_id = ?)`,
    );
    return rows
      .filter((r) => !seen.has(r.id) && !context.baseline?.has(r.id))
      .map((r) => ({ credentialId: r.id, lastSeenAt: r.lastSeenAt, locations: where.all(r.id, r.id) as GoneCredential["locations"][number][] }));
  });
}

/**
 * Records a scan in one write transaction: the scan, every credential it saw (never the raw
 * value), their locations, and the state changes with their events. `removals` holds the
 * removing commit git found for gone credentials; without one the scan time stands in.
 */
export function recordScan(store: Store, report: ScanReport, context: RecordContext, removals: ReadonlyMap<string, CommitInfo | undefined> = new Map()): RecordResult {
  const { db } = store;
  const at = report.scannedAt;
  const scanId = randomUUID();
  const q = statements(store);
  const write = db.transaction((): RecordResult => {
    const byGrade = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
    for (const item of report.items) byGrade[item.grade] += 1;
    const seq = Number(
      q.insertScan.run(scanId, at, context.target, JSON.stringify(context.targets), context.mode, context.toolVersion, report.items.length, JSON.stringify(byGrade))
        .lastInsertRowid,
    );
    const counts = { added: 0, remediated: 0, reopened: 0 };
    const event = (id: string, action: string, from: string | null, to: string | null, note: string | null, days: number | null = null) =>
      q.insertEvent.run(id, seq, at, SCANNER, action, from, to, note, days);
    for (const item of report.items) {
      const inHead = context.complete ? item.inHead : true;
      const existing = q.getCredential.get(item.credentialId) as { state: CredentialState; first_committed_at: string | null; first_seen_at: string } | undefined;
      const committed = earliest(existing?.first_committed_at ?? null, introducingCommit(item)?.date ?? null);
      const failing = JSON.stringify(failingChecks(item));
      const hint = primaryOwner(item)?.value ?? null;
      if (existing === undefined) {
        q.insertCredential.run(item.credentialId, item.kind, item.provider, item.preview, JSON.stringify(item.ruleIds), at, at, committed, hint, item.grade, failing);
        event(item.credentialId, "discovered", null, "open", null);
        counts.added += 1;
      } else {
        q.updateSeen.run(at, committed, hint, item.grade, failing, item.preview, item.credentialId);
        if (inHead && existing.state === "remediated") {
          q.setState.run("open", null, null, null, item.credentialId);
          event(item.credentialId, "reopened", "remediated", "open", "seen again in HEAD");
          counts.reopened += 1;
        }
      }
      if (!inHead) {
        const state = (q.getCredential.get(item.credentialId) as { state: CredentialState }).state;
        // Still in HEAD of another target: not remediated yet.
        if (state === "open" && (q.heldElsewhere.get(item.credentialId, context.target) as { n: number }).n === 0) {
          const removed = removingCommit(item);
          const end = removed?.date ?? at;
          q.setState.run("remediated", end, removed?.sha ?? null, end, item.credentialId);
          event(item.credentialId, "remediated", "open", "remediated", removed === undefined ? "not in HEAD" : `removed from HEAD in ${removed.sha.slice(0, 12)}`, daysBetween(committed ?? existing?.first_seen_at ?? at, end));
          counts.remediated += 1;
        }
      }
      if (item.baseline !== undefined) followBaseline(q, item.credentialId, item.baseline.status, item.baseline.reason, at, seq);
      q.upsertTarget.run(context.target, item.credentialId, inHead ? 1 : 0);
      q.insertSighting.run(seq, item.credentialId, item.grade, failing, JSON.stringify(item.ownerHints.map((h) => ({ source: h.source, value: h.value, confidence: h.confidence }))), inHead ? 1 : 0);
      for (const location of item.locations) {
        const commit = locationCommit(location.provenance);
        const locInHead = location.provenance.kind === "git" ? location.provenance.inHead === true : true;
        q.insertLocation.run(seq, item.credentialId, location.repository ?? null, location.path, location.line, commit?.sha ?? null, commit?.date ?? null, locInHead ? 1 : 0);
      }
    }
    if (context.complete) counts.remediated += remediateGone(q, report, context, removals, event);
    const open = (q.countOpen.get() as { n: number }).n;
    q.setOpenAfter.run(open, seq);
    return { scanId, ...counts, open };
  });
  return guard(store.file, () => write.immediate());
}

/** Open credentials the target held that this complete scan no longer sees in HEAD become remediated. */
function remediateGone(
  q: Statements,
  report: ScanReport,
  context: RecordContext,
  removals: ReadonlyMap<string, CommitInfo | undefined>,
  event: (id: string, action: string, from: string | null, to: string | null, note: string | null, days?: number | null) => unknown,
): number {
  const seen = new Set(report.items.filter((i) => i.inHead).map((i) => i.credentialId));
  const held = q.heldByTarget.all(context.target) as { id: string }[];
  let count = 0;
  for (const { id } of held) {
    if (seen.has(id)) continue;
    if (context.baseline?.has(id) === true) {
      // Suppressed by the baseline, not gone: the store says so.
      followBaseline(q, id, context.baseline.get(id) ?? "accepted", "accepted in the baseline", report.scannedAt, null);
      continue;
    }
    q.upsertTarget.run(context.target, id, 0);
    // Still in HEAD of another target: not remediated yet.
    if ((q.heldElsewhere.get(id, context.target) as { n: number }).n > 0) continue;
    const row = q.getCredential.get(id) as
      | { state: CredentialState; first_committed_at: string | null; first_seen_at: string }
      | undefined;
    if (row?.state !== "open") continue;
    const removed = removals.get(id);
    const end = removed?.date ?? report.scannedAt;
    q.setState.run("remediated", end, removed?.sha ?? null, end, id);
    const note = removed === undefined ? "no longer seen by a scan of this target (removing commit unknown: scan time used)" : `removed from HEAD in ${removed.sha.slice(0, 12)}`;
    event(id, "remediated", "open", "remediated", note, daysBetween(row.first_committed_at ?? row.first_seen_at, end));
    count += 1;
  }
  return count;
}

/** Makes the stored state agree with a baseline entry (accepted, rotated or revoked), with an audit event. */
function followBaseline(q: Statements, id: string, status: BaselineStatus | "accepted", reason: string, at: string, seq: number | null): void {
  const row = q.getCredential.get(id) as { state: CredentialState } | undefined;
  if (row === undefined || row.state === status) return;
  // A state set by hand to rotated/revoked is not undone by a plain acceptance.
  if (status === "accepted" && row.state !== "open") return;
  q.setManualState.run(status, status === "accepted" ? null : at, id);
  q.insertEventBy.run(id, seq, at, BASELINE_ACTOR, "state", row.state, status, reason);
}

function failingChecks(item: InventoryItem): string[] {
  return [...new Set(item.checks.filter((c) => c.status === "fail").map((c) => c.checkId))];
}

function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) < Date.parse(a) ? b : a;
}

type Statements = ReturnType<typeof statements>;

function statements(store: Store) {
  const { db } = store;
  return guard(store.file, () => ({
    insertScan: db.prepare(
      "INSERT INTO scans (scan_id, at, target, targets, mode, tool_version, credentials, open_after, by_grade) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)",
    ),
    setOpenAfter: db.prepare("UPDATE scans SET open_after = ? WHERE seq = ?"),
    getCredential: db.prepare("SELECT state, first_committed_at, first_seen_at FROM credentials WHERE credential_id = ?"),
    insertCredential: db.prepare(
      `INSERT INTO credentials (credential_id, kind, provider, preview, rule_ids, state, first_seen_at, last_seen_at, first_committed_at, owner_hint, grade, failing_checks)
       VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)`,
    ),
    updateSeen: db.prepare(
      "UPDATE credentials SET last_seen_at = max(last_seen_at, ?), first_committed_at = ?, owner_hint = ?, grade = ?, failing_checks = ?, preview = ? WHERE credential_id = ?",
    ),
    setState: db.prepare("UPDATE credentials SET state = ?, remediated_at = ?, removed_commit = ?, closed_at = ? WHERE credential_id = ?"),
    upsertTarget: db.prepare(
      "INSERT INTO target_credentials (target, credential_id, present) VALUES (?, ?, ?) ON CONFLICT (target, credential_id) DO UPDATE SET present = excluded.present",
    ),
    heldByTarget: db.prepare("SELECT credential_id AS id FROM target_credentials WHERE target = ? AND present = 1"),
    heldElsewhere: db.prepare("SELECT count(*) AS n FROM target_credentials WHERE credential_id = ? AND target <> ? AND present = 1"),
    insertSighting: db.prepare("INSERT INTO sightings (scan_seq, credential_id, grade, failing_checks, owner_hints, in_head) VALUES (?, ?, ?, ?, ?, ?)"),
    insertLocation: db.prepare(
      "INSERT INTO locations (scan_seq, credential_id, repository, path, line, commit_sha, commit_date, in_head) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    insertEvent: db.prepare(
      "INSERT INTO events (credential_id, scan_seq, at, actor, action, from_state, to_state, note, days) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    setManualState: db.prepare("UPDATE credentials SET state = ?, closed_at = coalesce(closed_at, ?) WHERE credential_id = ?"),
    insertEventBy: db.prepare("INSERT INTO events (credential_id, scan_seq, at, actor, action, from_state, to_state, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
    countOpen: db.prepare("SELECT count(*) AS n FROM credentials WHERE state = 'open'"),
  }));
}
