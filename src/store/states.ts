import { NhiscanError } from "../model/errors.js";
import type { CredentialState, ManualState } from "../model/store.js";
import type { Store } from "./open.js";

/** A change made by hand with `inventory set`. */
export interface ManualChange {
  readonly state?: ManualState;
  readonly owner?: string;
  readonly note?: string;
}

const MIN_PREFIX = 8;

/** The one credential id `prefix` (at least 8 hex characters) names; unknown or ambiguous is a usage error. */
export async function resolveCredentialId(store: Store, prefix: string): Promise<string> {
  const wanted = prefix.trim().toLowerCase();
  if (!/^[0-9a-f]+$/.test(wanted) || wanted.length < MIN_PREFIX) {
    throw new NhiscanError("store-id", `${prefix}: a credential id needs at least ${MIN_PREFIX} hex characters`, {
      hint: "Copy the id from `nhiscan inventory list`.",
    });
  }
  const rows = await store.all<{ id: string }>(
    "SELECT credential_id AS id FROM credentials WHERE substr(credential_id, 1, ?) = ? ORDER BY credential_id LIMIT 3",
    [wanted.length, wanted],
  );
  if (rows.length === 0)
    throw new NhiscanError("store-id", `${prefix}: no credential with this id in ${store.label}`, { hint: "Run `nhiscan inventory list` to see the ids." });
  if (rows.length > 1) {
    throw new NhiscanError("store-id", `${prefix}: ambiguous, matches ${rows.map((r) => r.id.slice(0, 12)).join(", ")}${rows.length > 2 ? ", …" : ""}`, {
      hint: "Give more characters of the id.",
    });
  }
  return (rows[0] as { id: string }).id;
}

/**
 * Applies a manual change in one transaction and appends one audit event per changed field:
 * `state` (from → to), `owner` (from → to), or a bare `note`.
 */
export async function applyManualChange(store: Store, credentialId: string, change: ManualChange, actor: string, at: string): Promise<number> {
  return store.write(async (tx): Promise<number> => {
    const row = await tx.get<{
      state: CredentialState;
      owner: string | null;
      closed_at: string | null;
      remediated_at: string | null;
      removed_commit: string | null;
    }>("SELECT state, owner, closed_at, remediated_at, removed_commit FROM credentials WHERE credential_id = ?", [credentialId]);
    if (row === undefined) throw new NhiscanError("store-id", `${credentialId}: no credential with this id in ${store.label}`);
    const insert = (action: string, from: string | null, to: string | null) =>
      tx.run("INSERT INTO events (credential_id, scan_seq, at, actor, action, from_state, to_state, note) VALUES (?, NULL, ?, ?, ?, ?, ?, ?)", [
        credentialId,
        at,
        actor,
        action,
        from,
        to,
        note,
      ]);
    const note = change.note ?? null;
    let events = 0;
    if (change.state !== undefined && change.state !== row.state) {
      // Rotated and revoked end the exposure now; open starts it again; accepted leaves it running.
      const reopen = change.state === "open";
      const closedAt = change.state === "rotated" || change.state === "revoked" ? (row.closed_at ?? at) : reopen ? null : row.closed_at;
      await tx.run("UPDATE credentials SET state = ?, closed_at = ?, remediated_at = ?, removed_commit = ? WHERE credential_id = ?", [
        change.state,
        closedAt,
        reopen ? null : row.remediated_at,
        reopen ? null : row.removed_commit,
        credentialId,
      ]);
      await insert("state", row.state, change.state);
      events += 1;
    }
    if (change.owner !== undefined && change.owner !== row.owner) {
      await tx.run("UPDATE credentials SET owner = ? WHERE credential_id = ?", [change.owner, credentialId]);
      await insert("owner", row.owner, change.owner);
      events += 1;
    }
    if (events === 0 && note !== null) {
      await insert("note", null, null);
      events += 1;
    }
    return events;
  });
}
