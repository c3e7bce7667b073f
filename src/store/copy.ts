import type { CredentialState, SqlSession, SqlValue } from "../model/store.js";
import type { Store } from "./open.js";
import { insertRows } from "./record-statements.js";

/** What a copy added to the target store. */
export interface CopyResult {
  readonly scans: number;
  /** Scans already in the target (same scan id): a repeated import adds nothing. */
  readonly skippedScans: number;
  readonly credentials: number;
  readonly events: number;
}

type Row = Record<string, SqlValue>;

interface Source {
  readonly index: number;
  readonly scans: Row[];
  readonly credentials: Row[];
  readonly targets: Row[];
  readonly sightings: Row[];
  readonly locations: Row[];
  readonly events: Row[];
  readonly refs: Row[];
  readonly history: Row[];
}

const MANUAL: ReadonlySet<string> = new Set<CredentialState>(["rotated", "revoked", "accepted"]);

/**
 * Copies every source store into `target` in one transaction of the target: SQLite to
 * PostgreSQL and back, or several shards' SQLite files joined into one store. One source into
 * an empty store is an exact copy. Joined sources interleave by scan time; a credential several
 * sources hold becomes one row (earliest first sighting and commit, latest last sighting, open
 * while any source has it open, a state set by hand kept) with one `discovered` event, the
 * earliest. Scans already in the target (by scan id) are skipped, so importing twice is a no-op.
 */
export async function copyStores(sources: readonly Store[], target: Store): Promise<CopyResult> {
  const read: Source[] = [];
  for (const [index, store] of sources.entries()) read.push(await readSource(store, index));
  return target.write((tx) => writeSources(tx, read));
}

async function readSource(store: Store, index: number): Promise<Source> {
  const all = (sql: string) => store.all<Row>(sql);
  return {
    index,
    scans: await all("SELECT * FROM scans ORDER BY seq"),
    credentials: await all("SELECT * FROM credentials ORDER BY credential_id"),
    targets: await all("SELECT * FROM target_credentials ORDER BY target, credential_id"),
    sightings: await all("SELECT * FROM sightings ORDER BY scan_seq, credential_id"),
    locations: await all("SELECT * FROM locations ORDER BY scan_seq, credential_id, path, line"),
    events: await all("SELECT * FROM events ORDER BY seq"),
    refs: await all("SELECT * FROM repo_refs ORDER BY repository, ref"),
    history: await all("SELECT * FROM history_state ORDER BY repository"),
  };
}

async function writeSources(tx: SqlSession, sources: readonly Source[]): Promise<CopyResult> {
  const known = new Set((await tx.all<{ scan_id: string }>("SELECT scan_id FROM scans")).map((r) => r.scan_id));
  const joined = sources.length > 1;
  // Scans in time order across sources (one source keeps its own order exactly).
  const scans = sources
    .flatMap((source) => source.scans.map((scan) => ({ source: source.index, scan })))
    .sort((a, b) => (joined ? compare(a.scan["at"], b.scan["at"]) : 0) || a.source - b.source || Number(a.scan["seq"]) - Number(b.scan["seq"]));
  const seqs = new Map<string, number>();
  let skippedScans = 0;
  for (const { source, scan } of scans) {
    if (known.has(String(scan["scan_id"]))) {
      skippedScans += 1;
      continue;
    }
    const inserted = await tx.get<{ seq: number }>(
      "INSERT INTO scans (scan_id, at, target, targets, mode, tool_version, credentials, open_after, by_grade, header) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq",
      pick(scan, ["scan_id", "at", "target", "targets", "mode", "tool_version", "credentials", "open_after", "by_grade", "header"]),
    );
    seqs.set(key(source, scan["seq"]), (inserted as { seq: number }).seq);
  }
  const mapped = (source: number, seq: SqlValue) => (seq === null ? null : seqs.get(key(source, seq)));
  let credentials = 0;
  for (const source of sources) {
    for (const row of source.credentials) credentials += (await mergeCredential(tx, row)) ? 1 : 0;
    await insertRows(
      tx,
      "INSERT INTO target_credentials (target, credential_id, present)",
      source.targets.map((row) => pick(row, ["target", "credential_id", "present"])),
      "ON CONFLICT (target, credential_id) DO UPDATE SET present = excluded.present",
    );
    const kept = (rows: Row[]) =>
      rows.flatMap((row) => {
        const seq = mapped(source.index, row["scan_seq"] ?? null);
        return seq === undefined || seq === null ? [] : [{ seq, row }];
      });
    await insertRows(
      tx,
      "INSERT INTO sightings (scan_seq, credential_id, grade, failing_checks, owner_hints, in_head, item)",
      kept(source.sightings).map(({ seq, row }) => [seq, ...pick(row, ["credential_id", "grade", "failing_checks", "owner_hints", "in_head", "item"])]),
      "ON CONFLICT (scan_seq, credential_id) DO NOTHING",
    );
    await insertRows(
      tx,
      "INSERT INTO locations (scan_seq, credential_id, repository, path, line, commit_sha, commit_date, in_head)",
      kept(source.locations).map(({ seq, row }) => [
        seq,
        ...pick(row, ["credential_id", "repository", "path", "line", "commit_sha", "commit_date", "in_head"]),
      ]),
    );
    for (const row of source.refs) {
      await tx.run(
        `INSERT INTO repo_refs (repository, ref, commit_sha, scan_seq, scanned_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (repository, ref) DO UPDATE SET commit_sha = excluded.commit_sha, scan_seq = excluded.scan_seq, scanned_at = excluded.scanned_at
         WHERE repo_refs.scanned_at < excluded.scanned_at`,
        [
          row["repository"] ?? null,
          row["ref"] ?? null,
          row["commit_sha"] ?? null,
          mapped(source.index, row["scan_seq"] ?? null) ?? null,
          row["scanned_at"] ?? null,
        ],
      );
    }
    // Each repository's incremental-history state: the newest wins, as for its refs.
    for (const row of source.history) {
      await tx.run(
        `INSERT INTO history_state (repository, fingerprint, findings, provenance, bytes, scan_seq, scanned_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (repository) DO UPDATE SET fingerprint = excluded.fingerprint, findings = excluded.findings, provenance = excluded.provenance,
         bytes = excluded.bytes, scan_seq = excluded.scan_seq, scanned_at = excluded.scanned_at WHERE history_state.scanned_at < excluded.scanned_at`,
        [
          ...pick(row, ["repository", "fingerprint", "findings", "provenance", "bytes"]),
          mapped(source.index, row["scan_seq"] ?? null) ?? null,
          row["scanned_at"] ?? null,
        ],
      );
    }
  }
  const events = await copyEvents(tx, sources, mapped, joined);
  return { scans: seqs.size, skippedScans, credentials, events };
}

/** Events in time order across sources; those of skipped scans, and hand-made ones already there, are left out. */
async function copyEvents(
  tx: SqlSession,
  sources: readonly Source[],
  mapped: (source: number, seq: SqlValue) => number | null | undefined,
  joined: boolean,
): Promise<number> {
  const manual = new Set((await tx.all<Row>("SELECT * FROM events WHERE scan_seq IS NULL")).map(manualKey));
  const events = sources
    .flatMap((source) => source.events.map((event) => ({ source: source.index, event })))
    .sort((a, b) => (joined ? compare(a.event["at"], b.event["at"]) : 0) || a.source - b.source || Number(a.event["seq"]) - Number(b.event["seq"]));
  const rows = events.flatMap(({ source, event }) => {
    const seq = mapped(source, event["scan_seq"] ?? null);
    if (seq === undefined || (seq === null && manual.has(manualKey(event)))) return [];
    return [[event["credential_id"] ?? null, seq, ...pick(event, ["at", "actor", "action", "from_state", "to_state", "note", "days"])]];
  });
  await insertRows(tx, "INSERT INTO events (credential_id, scan_seq, at, actor, action, from_state, to_state, note, days)", rows);
  // A credential is discovered once: joined shards each discovered it.
  const duplicates = await tx.run(
    `DELETE FROM events WHERE action = 'discovered'
     AND seq NOT IN (SELECT min(seq) FROM events WHERE action = 'discovered' GROUP BY credential_id)`,
  );
  return rows.length - duplicates;
}

/** Inserts a credential, or merges it into the target's row; true when it was new. */
async function mergeCredential(tx: SqlSession, row: Row): Promise<boolean> {
  const columns = [
    "credential_id",
    "kind",
    "provider",
    "preview",
    "rule_ids",
    "state",
    "first_seen_at",
    "last_seen_at",
    "first_committed_at",
    "remediated_at",
    "removed_commit",
    "closed_at",
    "owner",
    "owner_hint",
    "grade",
    "failing_checks",
  ];
  const existing = await tx.get<Row>("SELECT * FROM credentials WHERE credential_id = ?", [row["credential_id"] ?? null]);
  if (existing === undefined) {
    await tx.run(`INSERT INTO credentials (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`, pick(row, columns));
    return true;
  }
  const merged = mergedCredential(existing, row);
  await tx.run(
    `UPDATE credentials SET ${columns
      .slice(1)
      .map((c) => `${c} = ?`)
      .join(", ")} WHERE credential_id = ?`,
    [...pick(merged, columns.slice(1)), row["credential_id"] ?? null],
  );
  return false;
}

/** One credential from two stores' rows of it. */
function mergedCredential(a: Row, b: Row): Row {
  const newer = compare(b["last_seen_at"], a["last_seen_at"]) > 0 ? b : a;
  const state = mergedState(a, b);
  return {
    ...newer,
    ...state,
    first_seen_at: least(a["first_seen_at"], b["first_seen_at"]),
    last_seen_at: greatest(a["last_seen_at"], b["last_seen_at"]),
    first_committed_at: least(a["first_committed_at"], b["first_committed_at"]),
    owner: a["owner"] ?? b["owner"] ?? null,
  };
}

/** A state set by hand wins; else open while either store has it open; else the later remediation. */
function mergedState(a: Row, b: Row): Row {
  const fields = (row: Row): Row => ({
    state: row["state"] ?? null,
    remediated_at: row["remediated_at"] ?? null,
    removed_commit: row["removed_commit"] ?? null,
    closed_at: row["closed_at"] ?? null,
  });
  if (MANUAL.has(String(a["state"]))) return fields(a);
  if (MANUAL.has(String(b["state"]))) return fields(b);
  if (a["state"] === "open" || b["state"] === "open") return { state: "open", remediated_at: null, removed_commit: null, closed_at: null };
  return fields(compare(b["remediated_at"], a["remediated_at"]) > 0 ? b : a);
}

function pick(row: Row, columns: readonly string[]): SqlValue[] {
  return columns.map((c) => row[c] ?? null);
}

function key(source: number, seq: SqlValue | undefined): string {
  return `${source}:${String(seq)}`;
}

function manualKey(event: Row): string {
  return JSON.stringify(pick(event, ["credential_id", "at", "actor", "action", "from_state", "to_state", "note"]));
}

/** Compares ISO times (or any text) with null first. */
function compare(a: SqlValue | undefined, b: SqlValue | undefined): number {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  return String(x) < String(y) ? -1 : 1;
}

function least(a: SqlValue | undefined, b: SqlValue | undefined): SqlValue {
  if (a === null || a === undefined) return b ?? null;
  if (b === null || b === undefined) return a;
  return compare(a, b) <= 0 ? a : b;
}

function greatest(a: SqlValue | undefined, b: SqlValue | undefined): SqlValue {
  if (a === null || a === undefined) return b ?? null;
  if (b === null || b === undefined) return a;
  return compare(a, b) >= 0 ? a : b;
}
