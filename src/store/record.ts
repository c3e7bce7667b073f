import { randomUUID } from "node:crypto";
import { GRADES } from "../model/check.js";
import type { Grade } from "../model/check.js";
import type { CommitInfo } from "../model/fragment.js";
import type { InventoryItem } from "../model/inventory.js";
import type { ScanReport } from "../model/report.js";
import type { BaselineStatus } from "../model/baseline.js";
import type { CredentialState, RepoRef, SqlSession, SqlValue } from "../model/store.js";
import { removingCommit } from "../inventory/exposure.js";
import { introducingCommit, locationCommit, primaryOwner } from "../inventory/lifecycle.js";
import { daysBetween } from "./exposure.js";
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
  /**
   * The refs this scan read up to, by repository: written to `repo_refs` in the scan's own
   * transaction, so an incremental scan never starts after a commit whose scan was lost.
   */
  readonly refs?: readonly Omit<RepoRef, "scannedAt">[];
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
export async function goneCredentials(store: Store, report: ScanReport, context: RecordContext): Promise<GoneCredential[]> {
  if (!context.complete) return [];
  const seen = new Set(report.items.filter((i) => i.inHead).map((i) => i.credentialId));
  const rows = await store.all<{ id: string; last_seen_at: string }>(
    `SELECT t.credential_id AS id, c.last_seen_at FROM target_credentials t JOIN credentials c USING (credential_id)
     WHERE t.target = ? AND t.present = 1 AND c.state = 'open' ORDER BY t.credential_id`,
    [context.target],
  );
  const gone: GoneCredential[] = [];
  for (const row of rows.filter((r) => !seen.has(r.id) && !context.baseline?.has(r.id))) {
    const locations = await store.all<GoneCredential["locations"][number]>(
      `SELECT repository, path, line FROM locations WHERE credential_id = ? AND in_head = 1
       AND scan_seq = (SELECT max(scan_seq) FROM locations WHERE credential_id = ?) ORDER BY repository, path, line`,
      [row.id, row.id],
    );
    gone.push({ credentialId: row.id, lastSeenAt: row.last_seen_at, locations });
  }
  return gone;
}

/**
 * Records a scan in one write transaction: the scan, every credential it saw (never the raw
 * value), their locations, and the state changes with their events. `removals` holds the
 * removing commit git found for gone credentials; without one the scan time stands in.
 * Credentials are written in id order, so concurrent writers lock rows in one order.
 */
export async function recordScan(
  store: Store,
  report: ScanReport,
  context: RecordContext,
  removals: ReadonlyMap<string, CommitInfo | undefined> = new Map(),
): Promise<RecordResult> {
  const at = report.scannedAt;
  const scanId = randomUUID();
  const items = [...report.items].sort((a, b) => (a.credentialId < b.credentialId ? -1 : a.credentialId > b.credentialId ? 1 : 0));
  return store.write(async (tx): Promise<RecordResult> => {
    const q = statements(tx);
    const byGrade = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
    for (const item of items) byGrade[item.grade] += 1;
    const seq = await q.insertScan([scanId, at, context.target, JSON.stringify(context.targets), context.mode, context.toolVersion, items.length, JSON.stringify(byGrade), headerOf(report)]);
    const counts = { added: 0, remediated: 0, reopened: 0 };
    const event = (id: string, action: string, from: string | null, to: string | null, note: string | null, days: number | null = null) =>
      q.insertEvent([id, seq, at, SCANNER, action, from, to, note, days]);
    for (const item of items) {
      const inHead = context.complete ? item.inHead : true;
      const failing = JSON.stringify(failingChecks(item));
      const hint = primaryOwner(item)?.value ?? null;
      const introduced = introducingCommit(item)?.date ?? null;
      // ON CONFLICT: whichever writer inserts first discovers it; the other sees it as known.
      const inserted = await q.insertCredential([item.credentialId, item.kind, item.provider, item.preview, JSON.stringify(item.ruleIds), at, at, introduced, hint, item.grade, failing]);
      const existing = inserted ? undefined : await q.getCredential(item.credentialId);
      const committed = earliest(existing?.first_committed_at ?? null, introduced);
      if (existing === undefined) {
        await event(item.credentialId, "discovered", null, "open", null);
        counts.added += 1;
      } else {
        await q.updateSeen(at, committed, hint, item.grade, failing, item.preview, item.credentialId);
        if (inHead && existing.state === "remediated") {
          await q.setState(["open", null, null, null, item.credentialId]);
          await event(item.credentialId, "reopened", "remediated", "open", "seen again in HEAD");
          counts.reopened += 1;
        }
      }
      if (!inHead) {
        const state = (await q.getCredential(item.credentialId))?.state;
        // Still in HEAD of another target: not remediated yet.
        if (state === "open" && !(await q.heldElsewhere(item.credentialId, context.target))) {
          const removed = removingCommit(item);
          const end = removed?.date ?? at;
          await q.setState(["remediated", end, removed?.sha ?? null, end, item.credentialId]);
          const note = removed === undefined ? "not in HEAD" : `removed from HEAD in ${removed.sha.slice(0, 12)}`;
          await event(item.credentialId, "remediated", "open", "remediated", note, daysBetween(committed ?? existing?.first_seen_at ?? at, end));
          counts.remediated += 1;
        }
      }
      if (item.baseline !== undefined) await followBaseline(q, item.credentialId, item.baseline.status, item.baseline.reason, at, seq);
      await q.upsertTarget([context.target, item.credentialId, inHead ? 1 : 0]);
      const hints = JSON.stringify(item.ownerHints.map((h) => ({ source: h.source, value: h.value, confidence: h.confidence })));
      await q.insertSighting([seq, item.credentialId, item.grade, failing, hints, inHead ? 1 : 0, JSON.stringify(storedItem(item))]);
      for (const location of item.locations) {
        const commit = locationCommit(location.provenance);
        const locInHead = location.provenance.kind === "git" ? location.provenance.inHead === true : true;
        await q.insertLocation([seq, item.credentialId, location.repository ?? null, location.path, location.line, commit?.sha ?? null, commit?.date ?? null, locInHead ? 1 : 0]);
      }
    }
    if (context.complete) counts.remediated += await remediateGone(q, report, context, removals, event);
    for (const ref of context.refs ?? []) await q.upsertRef([ref.repository, ref.ref, ref.commitSha, seq, at]);
    const open = await q.countOpen();
    await q.setOpenAfter(open, seq);
    return { scanId, ...counts, open };
  });
}

/** The report without its items, as `scans.header` keeps it for the organisation report. */
function headerOf(report: ScanReport): string {
  const { items: _items, summary: _summary, policy: _policy, ...header } = report;
  return JSON.stringify({ ...header, showSecrets: false });
}

/** The item as `sightings.item` keeps it: never the raw value; grading is redone when read. */
function storedItem(item: InventoryItem): Omit<InventoryItem, "secret" | "checks" | "score" | "grade"> {
  const { secret: _secret, checks: _checks, score: _score, grade: _grade, ...kept } = item;
  return { ...kept, locations: kept.locations.map(({ secret: _raw, ...location }) => location) };
}

type EventWriter = (id: string, action: string, from: string | null, to: string | null, note: string | null, days?: number | null) => Promise<unknown>;

/** Open credentials the target held that this complete scan no longer sees in HEAD become remediated. */
async function remediateGone(q: Statements, report: ScanReport, context: RecordContext, removals: ReadonlyMap<string, CommitInfo | undefined>, event: EventWriter): Promise<number> {
  const seen = new Set(report.items.filter((i) => i.inHead).map((i) => i.credentialId));
  const held = await q.heldByTarget(context.target);
  let count = 0;
  for (const id of held) {
    if (seen.has(id)) continue;
    if (context.baseline?.has(id) === true) {
      // Suppressed by the baseline, not gone: the store says so.
      await followBaseline(q, id, context.baseline.get(id) ?? "accepted", "accepted in the baseline", report.scannedAt, null);
      continue;
    }
    await q.upsertTarget([context.target, id, 0]);
    // Still in HEAD of another target: not remediated yet.
    if (await q.heldElsewhere(id, context.target)) continue;
    const row = await q.getCredential(id);
    if (row?.state !== "open") continue;
    const removed = removals.get(id);
    const end = removed?.date ?? report.scannedAt;
    await q.setState(["remediated", end, removed?.sha ?? null, end, id]);
    const note = removed === undefined ? "no longer seen by a scan of this target (removing commit unknown: scan time used)" : `removed from HEAD in ${removed.sha.slice(0, 12)}`;
    await event(id, "remediated", "open", "remediated", note, daysBetween(row.first_committed_at ?? row.first_seen_at, end));
    count += 1;
  }
  return count;
}

/** Makes the stored state agree with a baseline entry (accepted, rotated or revoked), with an audit event. */
async function followBaseline(q: Statements, id: string, status: BaselineStatus | "accepted", reason: string, at: string, seq: number | null): Promise<void> {
  const row = await q.getCredential(id);
  if (row === undefined || row.state === status) return;
  // A state set by hand to rotated/revoked is not undone by a plain acceptance.
  if (status === "accepted" && row.state !== "open") return;
  await q.setManualState([status, status === "accepted" ? null : at, id]);
  await q.insertEventBy([id, seq, at, BASELINE_ACTOR, "state", row.state, status, reason]);
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
type CredentialStateRow = { state: CredentialState; first_committed_at: string | null; first_seen_at: string };

/** The statements of a scan's write, on the transaction's session. */
function statements(tx: SqlSession) {
  const run = (sql: string) => (params: SqlValue[]) => tx.run(sql, params);
  return {
    insertScan: async (params: SqlValue[]) =>
      ((await tx.get<{ seq: number }>(
        "INSERT INTO scans (scan_id, at, target, targets, mode, tool_version, credentials, open_after, by_grade, header) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING seq",
        params,
      )) as { seq: number }).seq,
    setOpenAfter: (open: number, seq: number) => tx.run("UPDATE scans SET open_after = ? WHERE seq = ?", [open, seq]),
    getCredential: (id: string) => tx.get<CredentialStateRow>("SELECT state, first_committed_at, first_seen_at FROM credentials WHERE credential_id = ?", [id]),
    insertCredential: async (params: SqlValue[]) =>
      (await tx.run(
        `INSERT INTO credentials (credential_id, kind, provider, preview, rule_ids, state, first_seen_at, last_seen_at, first_committed_at, owner_hint, grade, failing_checks)
         VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?) ON CONFLICT (credential_id) DO NOTHING`,
        params,
      )) === 1,
    // What the latest scan (by scan time, not by commit order: shards land in any order) says
    // replaces what an older one said; the right-hand sides all read the row as it was.
    updateSeen: (at: string, committed: string | null, hint: string | null, grade: string, failing: string, preview: string, id: string) =>
      tx.run(
        `UPDATE credentials SET last_seen_at = CASE WHEN last_seen_at < ? THEN ? ELSE last_seen_at END, first_committed_at = ?,
         owner_hint = CASE WHEN last_seen_at <= ? THEN ? ELSE owner_hint END, grade = CASE WHEN last_seen_at <= ? THEN ? ELSE grade END,
         failing_checks = CASE WHEN last_seen_at <= ? THEN ? ELSE failing_checks END, preview = CASE WHEN last_seen_at <= ? THEN ? ELSE preview END
         WHERE credential_id = ?`,
        [at, at, committed, at, hint, at, grade, at, failing, at, preview, id],
      ),
    setState: run("UPDATE credentials SET state = ?, remediated_at = ?, removed_commit = ?, closed_at = ? WHERE credential_id = ?"),
    upsertTarget: run(
      "INSERT INTO target_credentials (target, credential_id, present) VALUES (?, ?, ?) ON CONFLICT (target, credential_id) DO UPDATE SET present = excluded.present",
    ),
    heldByTarget: async (target: string) =>
      (await tx.all<{ id: string }>("SELECT credential_id AS id FROM target_credentials WHERE target = ? AND present = 1 ORDER BY credential_id", [target])).map((r) => r.id),
    heldElsewhere: async (id: string, target: string) =>
      ((await tx.get<{ n: number }>("SELECT count(*) AS n FROM target_credentials WHERE credential_id = ? AND target <> ? AND present = 1", [id, target]))?.n ?? 0) > 0,
    insertSighting: run(
      `INSERT INTO sightings (scan_seq, credential_id, grade, failing_checks, owner_hints, in_head, item) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (scan_seq, credential_id) DO NOTHING`,
    ),
    insertLocation: run("INSERT INTO locations (scan_seq, credential_id, repository, path, line, commit_sha, commit_date, in_head) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
    insertEvent: run("INSERT INTO events (credential_id, scan_seq, at, actor, action, from_state, to_state, note, days) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
    setManualState: run("UPDATE credentials SET state = ?, closed_at = coalesce(closed_at, ?) WHERE credential_id = ?"),
    insertEventBy: run("INSERT INTO events (credential_id, scan_seq, at, actor, action, from_state, to_state, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
    upsertRef: run(
      `INSERT INTO repo_refs (repository, ref, commit_sha, scan_seq, scanned_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (repository, ref) DO UPDATE SET commit_sha = excluded.commit_sha, scan_seq = excluded.scan_seq, scanned_at = excluded.scanned_at`,
    ),
    countOpen: async () => (await tx.get<{ n: number }>("SELECT count(*) AS n FROM credentials WHERE state = 'open'"))?.n ?? 0,
  };
}

/** The last commit scanned per ref of `repository` (all repositories when omitted), by repository and ref. */
export async function readRepoRefs(store: Store, repository?: string): Promise<RepoRef[]> {
  const rows = await store.all<{ repository: string; ref: string; commit_sha: string; scanned_at: string }>(
    `SELECT repository, ref, commit_sha, scanned_at FROM repo_refs ${repository === undefined ? "" : "WHERE repository = ?"} ORDER BY repository, ref`,
    repository === undefined ? [] : [repository],
  );
  return rows.map((r) => ({ repository: r.repository, ref: r.ref, commitSha: r.commit_sha, scannedAt: r.scanned_at }));
}
