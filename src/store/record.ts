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
import type { HistoryState } from "../model/history-state.js";
import { daysBetween } from "./exposure.js";
import { writeHistoryStates } from "./history.js";
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
  /** History scans: each repository's state for the next incremental scan (its refs included). */
  readonly history?: readonly HistoryState[];
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
 * Rows are written in multi-row statements (a few round trips per scan, not per credential:
 * what a PostgreSQL store on another host needs); state changes, rarer, one by one.
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
    const q = statements(tx, at);
    const byGrade = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
    for (const item of items) byGrade[item.grade] += 1;
    const seq = await q.insertScan([scanId, at, context.target, JSON.stringify(context.targets), context.mode, context.toolVersion, items.length, JSON.stringify(byGrade), headerOf(report)]);
    const ids = items.map((i) => i.credentialId);
    // Read under the write lock: what is known, and what another target still holds in HEAD.
    const known = await q.credentialsIn(ids);
    const elsewhere = await q.heldElsewhereIn(ids, context.target);
    const counts = { added: 0, remediated: 0, reopened: 0 };
    const events: SqlValue[][] = [];
    const event: EventWriter = async (id, action, from, to, note, days = null, actor = SCANNER, scanSeq: number | null = seq) => {
      events.push([id, scanSeq, at, actor, action, from, to, note, days]);
    };
    await q.upsertCredentials(items.map((item) => credentialRow(item, known.get(item.credentialId), at)));
    for (const item of items) {
      const { state, changes } = await changeState(q, item, known.get(item.credentialId), elsewhere.has(item.credentialId), context, event);
      for (const change of changes) counts[change] += 1;
      if (item.baseline !== undefined) await followBaseline(q, item.credentialId, state, item.baseline.status, item.baseline.reason, seq, event);
    }
    await q.upsertTargets(items.map((item) => [context.target, item.credentialId, (context.complete ? item.inHead : true) ? 1 : 0]));
    await q.insertSightings(items.map((item) => sightingRow(seq, item, context.complete ? item.inHead : true)));
    await q.insertLocations(items.flatMap((item) => item.locations.map((location) => locationRow(seq, item.credentialId, location))));
    if (context.complete) counts.remediated += await remediateGone(q, report, context, removals, event);
    await q.insertEvents(events);
    for (const ref of context.refs ?? []) await q.upsertRef([ref.repository, ref.ref, ref.commitSha, seq, at]);
    await writeHistoryStates(tx, context.history ?? [], seq, at);
    const open = await q.countOpen();
    await q.setOpenAfter(open, seq);
    return { scanId, ...counts, open };
  });
}

/** A credential as the scan saw it; the first commit is the earliest known. New ones are open. */
function credentialRow(item: InventoryItem, existing: CredentialStateRow | undefined, at: string): SqlValue[] {
  const committed = earliest(existing?.first_committed_at ?? null, introducingCommit(item)?.date ?? null);
  const hint = primaryOwner(item)?.value ?? null;
  return [item.credentialId, item.kind, item.provider, item.preview, JSON.stringify(item.ruleIds), "open", at, at, committed, hint, item.grade, JSON.stringify(failingChecks(item))];
}

type Change = "added" | "reopened" | "remediated";

/** What seeing `item` does to its state: discovered, reopened (seen in HEAD again), remediated (only in history). */
async function changeState(
  q: Statements,
  item: InventoryItem,
  existing: CredentialStateRow | undefined,
  heldElsewhere: boolean,
  context: RecordContext,
  event: EventWriter,
): Promise<{ state: CredentialState; changes: Change[] }> {
  const id = item.credentialId;
  const inHead = context.complete ? item.inHead : true;
  const changes: Change[] = [];
  let state = existing?.state ?? "open";
  if (existing === undefined) {
    await event(id, "discovered", null, "open", null);
    changes.push("added");
  } else if (inHead && state === "remediated") {
    await q.setState(["open", null, null, null, id]);
    await event(id, "reopened", "remediated", "open", "seen again in HEAD");
    state = "open";
    changes.push("reopened");
  }
  // Still in HEAD of another target: not remediated yet.
  if (inHead || state !== "open" || heldElsewhere) return { state, changes };
  const removed = removingCommit(item);
  const end = removed?.date ?? q.at;
  const committed = earliest(existing?.first_committed_at ?? null, introducingCommit(item)?.date ?? null);
  await q.setState(["remediated", end, removed?.sha ?? null, end, id]);
  const note = removed === undefined ? "not in HEAD" : `removed from HEAD in ${removed.sha.slice(0, 12)}`;
  await event(id, "remediated", "open", "remediated", note, daysBetween(committed ?? existing?.first_seen_at ?? q.at, end));
  return { state: "remediated", changes: [...changes, "remediated"] };
}

function sightingRow(seq: number, item: InventoryItem, inHead: boolean): SqlValue[] {
  const hints = JSON.stringify(item.ownerHints.map((h) => ({ source: h.source, value: h.value, confidence: h.confidence })));
  return [seq, item.credentialId, item.grade, JSON.stringify(failingChecks(item)), hints, inHead ? 1 : 0, JSON.stringify(storedItem(item))];
}

function locationRow(seq: number, credentialId: string, location: InventoryItem["locations"][number]): SqlValue[] {
  const commit = locationCommit(location.provenance);
  const inHead = location.provenance.kind === "git" ? location.provenance.inHead === true : true;
  return [seq, credentialId, location.repository ?? null, location.path, location.line, commit?.sha ?? null, commit?.date ?? null, inHead ? 1 : 0];
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

type EventWriter = (
  id: string,
  action: string,
  from: string | null,
  to: string | null,
  note: string | null,
  days?: number | null,
  actor?: string,
  scanSeq?: number | null,
) => Promise<unknown>;

/** Open credentials the target held that this complete scan no longer sees in HEAD become remediated. */
async function remediateGone(q: Statements, report: ScanReport, context: RecordContext, removals: ReadonlyMap<string, CommitInfo | undefined>, event: EventWriter): Promise<number> {
  const seen = new Set(report.items.filter((i) => i.inHead).map((i) => i.credentialId));
  const held = await q.heldByTarget(context.target);
  let count = 0;
  for (const id of held) {
    if (seen.has(id)) continue;
    if (context.baseline?.has(id) === true) {
      // Suppressed by the baseline, not gone: the store says so.
      const row = await q.getCredential(id);
      if (row !== undefined) await followBaseline(q, id, row.state, context.baseline.get(id) ?? "accepted", "accepted in the baseline", null, event);
      continue;
    }
    await q.upsertTargets([[context.target, id, 0]]);
    // Still in HEAD of another target: not remediated yet.
    if ((await q.heldElsewhereIn([id], context.target)).size > 0) continue;
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
async function followBaseline(
  q: Statements,
  id: string,
  state: CredentialState,
  status: BaselineStatus | "accepted",
  reason: string,
  seq: number | null,
  event: EventWriter,
): Promise<void> {
  if (state === status) return;
  // A state set by hand to rotated/revoked is not undone by a plain acceptance.
  if (status === "accepted" && state !== "open") return;
  await q.setManualState([status, status === "accepted" ? null : q.at, id]);
  await event(id, "state", state, status, reason, null, BASELINE_ACTOR, seq);
}

function failingChecks(item: InventoryItem): string[] {
  return [...new Set(item.checks.filter((c) => c.status === "fail").map((c) => c.checkId))];
}

function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) < Date.parse(a) ? b : a;
}


/** Rows per multi-row statement: well under both backends' limits on bound values. */
const CHUNK = 400;

/** `head VALUES (…), (…) tail` for every chunk of `rows`. */
async function insertRows(tx: SqlSession, head: string, rows: readonly SqlValue[][], tail = ""): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const values = chunk.map((row) => `(${row.map(() => "?").join(", ")})`).join(", ");
    await tx.run(`${head} VALUES ${values} ${tail}`, chunk.flat());
  }
}

/** Rows whose `column` is one of `ids`, chunk by chunk. */
async function rowsIn<T>(tx: SqlSession, sql: (list: string) => string, ids: readonly string[], extra: readonly SqlValue[] = []): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    rows.push(...(await tx.all<T>(sql(chunk.map(() => "?").join(", ")), [...extra, ...chunk])));
  }
  return rows;
}

type Statements = ReturnType<typeof statements>;
type CredentialStateRow = { state: CredentialState; first_committed_at: string | null; first_seen_at: string };

/** The statements of a scan's write (recorded at `at`), on the transaction's session. */
function statements(tx: SqlSession, at: string) {
  const run = (sql: string) => (params: SqlValue[]) => tx.run(sql, params);
  return {
    at,
    insertScan: async (params: SqlValue[]) =>
      ((await tx.get<{ seq: number }>(
        "INSERT INTO scans (scan_id, at, target, targets, mode, tool_version, credentials, open_after, by_grade, header) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING seq",
        params,
      )) as { seq: number }).seq,
    setOpenAfter: (open: number, seq: number) => tx.run("UPDATE scans SET open_after = ? WHERE seq = ?", [open, seq]),
    getCredential: (id: string) => tx.get<CredentialStateRow>("SELECT state, first_committed_at, first_seen_at FROM credentials WHERE credential_id = ?", [id]),
    credentialsIn: async (ids: readonly string[]) =>
      new Map(
        (
          await rowsIn<CredentialStateRow & { credential_id: string }>(
            tx,
            (list) => `SELECT credential_id, state, first_committed_at, first_seen_at FROM credentials WHERE credential_id IN (${list})`,
            ids,
          )
        ).map((r) => [r.credential_id, r]),
      ),
    heldElsewhereIn: async (ids: readonly string[], target: string) =>
      new Set(
        (
          await rowsIn<{ id: string }>(
            tx,
            (list) => `SELECT DISTINCT credential_id AS id FROM target_credentials WHERE target <> ? AND present = 1 AND credential_id IN (${list})`,
            ids,
            [target],
          )
        ).map((r) => r.id),
      ),
    // New credentials are inserted open; known ones take what the latest scan (by scan time, not
    // by commit order: shards land in any order) says. Right-hand sides read the row as it was.
    upsertCredentials: (rows: readonly SqlValue[][]) =>
      insertRows(
        tx,
        "INSERT INTO credentials (credential_id, kind, provider, preview, rule_ids, state, first_seen_at, last_seen_at, first_committed_at, owner_hint, grade, failing_checks)",
        rows,
        `ON CONFLICT (credential_id) DO UPDATE SET
           last_seen_at = CASE WHEN credentials.last_seen_at < excluded.last_seen_at THEN excluded.last_seen_at ELSE credentials.last_seen_at END,
           first_committed_at = excluded.first_committed_at,
           owner_hint = CASE WHEN credentials.last_seen_at <= excluded.last_seen_at THEN excluded.owner_hint ELSE credentials.owner_hint END,
           grade = CASE WHEN credentials.last_seen_at <= excluded.last_seen_at THEN excluded.grade ELSE credentials.grade END,
           failing_checks = CASE WHEN credentials.last_seen_at <= excluded.last_seen_at THEN excluded.failing_checks ELSE credentials.failing_checks END,
           preview = CASE WHEN credentials.last_seen_at <= excluded.last_seen_at THEN excluded.preview ELSE credentials.preview END`,
      ),
    setState: run("UPDATE credentials SET state = ?, remediated_at = ?, removed_commit = ?, closed_at = ? WHERE credential_id = ?"),
    upsertTargets: (rows: readonly SqlValue[][]) =>
      insertRows(tx, "INSERT INTO target_credentials (target, credential_id, present)", rows, "ON CONFLICT (target, credential_id) DO UPDATE SET present = excluded.present"),
    heldByTarget: async (target: string) =>
      (await tx.all<{ id: string }>("SELECT credential_id AS id FROM target_credentials WHERE target = ? AND present = 1 ORDER BY credential_id", [target])).map((r) => r.id),
    insertSightings: (rows: readonly SqlValue[][]) =>
      insertRows(tx, "INSERT INTO sightings (scan_seq, credential_id, grade, failing_checks, owner_hints, in_head, item)", rows, "ON CONFLICT (scan_seq, credential_id) DO NOTHING"),
    insertLocations: (rows: readonly SqlValue[][]) =>
      insertRows(tx, "INSERT INTO locations (scan_seq, credential_id, repository, path, line, commit_sha, commit_date, in_head)", rows),
    insertEvents: (rows: readonly SqlValue[][]) =>
      insertRows(tx, "INSERT INTO events (credential_id, scan_seq, at, actor, action, from_state, to_state, note, days)", rows),
    setManualState: run("UPDATE credentials SET state = ?, closed_at = coalesce(closed_at, ?) WHERE credential_id = ?"),
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
