import { randomUUID } from "node:crypto";
import { GRADES } from "../model/check.js";
import type { Grade } from "../model/check.js";
import type { CommitInfo } from "../model/fragment.js";
import type { InventoryItem } from "../model/inventory.js";
import type { ScanReport } from "../model/report.js";
import type { BaselineStatus } from "../model/baseline.js";
import type { CredentialState, RepoRef, SqlValue } from "../model/store.js";
import { removingCommit } from "../inventory/exposure.js";
import { introducingCommit, locationCommit, primaryOwner } from "../inventory/lifecycle.js";
import type { HistoryState } from "../model/history-state.js";
import { daysBetween } from "./exposure.js";
import { writeHistoryStates } from "./history.js";
import type { Store } from "./open.js";
import { statements } from "./record-statements.js";
import type { CredentialStateRow, Statements } from "./record-statements.js";

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
    const seq = await q.insertScan([
      scanId,
      at,
      context.target,
      JSON.stringify(context.targets),
      context.mode,
      context.toolVersion,
      items.length,
      JSON.stringify(byGrade),
      headerOf(report),
    ]);
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
  return [
    item.credentialId,
    item.kind,
    item.provider,
    item.preview,
    JSON.stringify(item.ruleIds),
    "open",
    at,
    at,
    committed,
    hint,
    item.grade,
    JSON.stringify(failingChecks(item)),
  ];
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
async function remediateGone(
  q: Statements,
  report: ScanReport,
  context: RecordContext,
  removals: ReadonlyMap<string, CommitInfo | undefined>,
  event: EventWriter,
): Promise<number> {
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
    const note =
      removed === undefined
        ? "no longer seen by a scan of this target (removing commit unknown: scan time used)"
        : `removed from HEAD in ${removed.sha.slice(0, 12)}`;
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

/** The last commit scanned per ref of `repository` (all repositories when omitted), by repository and ref. */
export async function readRepoRefs(store: Store, repository?: string): Promise<RepoRef[]> {
  const rows = await store.all<{ repository: string; ref: string; commit_sha: string; scanned_at: string }>(
    `SELECT repository, ref, commit_sha, scanned_at FROM repo_refs ${repository === undefined ? "" : "WHERE repository = ?"} ORDER BY repository, ref`,
    repository === undefined ? [] : [repository],
  );
  return rows.map((r) => ({ repository: r.repository, ref: r.ref, commitSha: r.commit_sha, scannedAt: r.scanned_at }));
}
