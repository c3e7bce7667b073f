// The SQL of recording a scan, on the write transaction's session: multi-row statements, so a
// scan costs a few round trips per 400 rows, not several per credential.
import type { CredentialState, SqlSession, SqlValue } from "../model/store.js";

/** Rows per multi-row statement: well under both backends' limits on bound values. */
const CHUNK = 400;

/** `head VALUES (…), (…) tail` for every chunk of `rows`. */
export async function insertRows(tx: SqlSession, head: string, rows: readonly SqlValue[][], tail = ""): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const values = chunk.map((row) => `(${row.map(() => "?").join(", ")})`).join(", ");
    await tx.run(`${head} VALUES ${values} ${tail}`, chunk.flat());
  }
}

/** The rows `sql` selects for each chunk of `ids` (bound after `extra`), together. */
async function rowsIn<T>(tx: SqlSession, sql: (list: string) => string, ids: readonly string[], extra: readonly SqlValue[] = []): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    rows.push(...(await tx.all<T>(sql(chunk.map(() => "?").join(", ")), [...extra, ...chunk])));
  }
  return rows;
}

export type Statements = ReturnType<typeof statements>;
export type CredentialStateRow = { state: CredentialState; first_committed_at: string | null; first_seen_at: string };

/** The statements of a scan's write (recorded at `at`), on the transaction's session. */
export function statements(tx: SqlSession, at: string) {
  const run = (sql: string) => (params: SqlValue[]) => tx.run(sql, params);
  return {
    at,
    insertScan: async (params: SqlValue[]) =>
      (
        (await tx.get<{ seq: number }>(
          "INSERT INTO scans (scan_id, at, target, targets, mode, tool_version, credentials, open_after, by_grade, header) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING seq",
          params,
        )) as { seq: number }
      ).seq,
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
      insertRows(
        tx,
        "INSERT INTO target_credentials (target, credential_id, present)",
        rows,
        "ON CONFLICT (target, credential_id) DO UPDATE SET present = excluded.present",
      ),
    heldByTarget: async (target: string) =>
      (
        await tx.all<{ id: string }>("SELECT credential_id AS id FROM target_credentials WHERE target = ? AND present = 1 ORDER BY credential_id", [target])
      ).map((r) => r.id),
    insertSightings: (rows: readonly SqlValue[][]) =>
      insertRows(
        tx,
        "INSERT INTO sightings (scan_seq, credential_id, grade, failing_checks, owner_hints, in_head, item)",
        rows,
        "ON CONFLICT (scan_seq, credential_id) DO NOTHING",
      ),
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
