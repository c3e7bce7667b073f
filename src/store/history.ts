import type { Finding } from "../model/finding.js";
import type { HistoryState, ProvenanceRecord } from "../model/history-state.js";
import type { SqlSession } from "../model/store.js";

/**
 * Writes each repository's history state in the scan's transaction: its refs replace the
 * repository's rows of `repo_refs` (a deleted ref leaves no stale start point), its findings and
 * provenance replace its `history_state` row.
 */
export async function writeHistoryStates(tx: SqlSession, states: readonly HistoryState[], seq: number, at: string): Promise<void> {
  for (const state of states) {
    await tx.run("DELETE FROM repo_refs WHERE repository = ?", [state.repository]);
    for (const [ref, sha] of Object.entries(state.refs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      await tx.run("INSERT INTO repo_refs (repository, ref, commit_sha, scan_seq, scanned_at) VALUES (?, ?, ?, ?, ?)", [state.repository, ref, sha, seq, at]);
    }
    await tx.run(
      `INSERT INTO history_state (repository, fingerprint, findings, provenance, bytes, scan_seq, scanned_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (repository) DO UPDATE SET fingerprint = excluded.fingerprint, findings = excluded.findings,
       provenance = excluded.provenance, bytes = excluded.bytes, scan_seq = excluded.scan_seq, scanned_at = excluded.scanned_at`,
      [state.repository, state.fingerprint, JSON.stringify(state.findings), JSON.stringify(state.provenance), state.bytes, seq, at],
    );
  }
}

/** The history states of `repositories` that a scan left, by repository. */
export async function readHistoryStates(store: SqlSession, repositories: readonly string[]): Promise<Map<string, HistoryState>> {
  const states = new Map<string, HistoryState>();
  for (const repository of repositories) {
    const row = await store.get<{ fingerprint: string; findings: string; provenance: string; bytes: number }>(
      "SELECT fingerprint, findings, provenance, bytes FROM history_state WHERE repository = ?",
      [repository],
    );
    if (row === undefined) continue;
    const refs = await store.all<{ ref: string; commit_sha: string }>("SELECT ref, commit_sha FROM repo_refs WHERE repository = ? ORDER BY ref", [repository]);
    states.set(repository, {
      repository,
      refs: Object.fromEntries(refs.map((r) => [r.ref, r.commit_sha])),
      fingerprint: row.fingerprint,
      findings: JSON.parse(row.findings) as Finding[],
      provenance: JSON.parse(row.provenance) as ProvenanceRecord[],
      bytes: Number(row.bytes),
    });
  }
  return states;
}

/** The measured size (history blob bytes) of each of `repositories` a history scan recorded. */
export async function readHistorySizes(store: SqlSession, repositories: readonly string[]): Promise<Map<string, number>> {
  const wanted = new Set(repositories);
  const rows = await store.all<{ repository: string; bytes: number }>("SELECT repository, bytes FROM history_state ORDER BY repository");
  return new Map(rows.filter((r) => wanted.has(r.repository)).map((r) => [r.repository, Number(r.bytes)]));
}
