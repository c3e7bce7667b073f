import { NhiscanError } from "../model/errors.js";
import type { CredentialState, ManualState } from "../model/store.js";
import { guard } from "./open.js";
import type { Store } from "./open.js";

/** A change made by hand with `inventory set`. */
export interface ManualChange {
  readonly state?: ManualState;
  readonly owner?: string;
  readonly note?: string;
}

const MIN_PREFIX = 8;

/** The one credential id `prefix` (at least 8 hex characters) names; unknown or ambiguous is a usage error. */
export function resolveCredentialId(store: Store, prefix: string): string {
  const wanted = prefix.trim().toLowerCase();
  if (!/^[0-9a-f]+$/.test(wanted) || wanted.length < MIN_PREFIX) {
    throw new NhiscanError("store-id", `${prefix}: a credential id needs at least ${MIN_PREFIX} hex characters`, {
      hint: "Copy the id from `nhiscan inventory list`.",
    });
  }
  const rows = guard(store.file, () =>
    store.db.prepare("SELECT credential_id AS id FROM credentials WHERE substr(credential_id, 1, ?) = ? LIMIT 3").all(wanted.length, wanted),
  ) as { id: string }[];
  if (rows.length === 0) throw new NhiscanError("store-id", `${prefix}: no credential with this id in ${store.file}`, { hint: "Run `nhiscan inventory list` to see the ids." });
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
export function applyManualChange(store: Store, credentialId: string, change: ManualChange, actor: string, at: string): number {
  const { db } = store;
  const write = db.transaction((): number => {
    const row = db.prepare("SELECT state, owner FROM credentials WHERE credential_id = ?").get(credentialId) as { state: CredentialState; owner: string | null };
    const insert = db.prepare("INSERT INTO events (credential_id, scan_seq, at, actor, action, from_state, to_state, note) VALUES (?, NULL, ?, ?, ?, ?, ?, ?)");
    const note = change.note ?? null;
    let events = 0;
    if (change.state !== undefined && change.state !== row.state) {
      // Rotated and revoked end the exposure now; open starts it again; accepted leaves it running.
      const closes = change.state === "rotated" || change.state === "revoked";
      db.prepare(
        `UPDATE credentials SET state = ?, closed_at = CASE WHEN ? THEN coalesce(closed_at, ?) WHEN ? = 'open' THEN NULL ELSE closed_at END,
         remediated_at = CASE WHEN ? = 'open' THEN NULL ELSE remediated_at END, removed_commit = CASE WHEN ? = 'open' THEN NULL ELSE removed_commit END
         WHERE credential_id = ?`,
      ).run(change.state, closes ? 1 : 0, at, change.state, change.state, change.state, credentialId);
      insert.run(credentialId, at, actor, "state", row.state, change.state, note);
      events += 1;
    }
    if (change.owner !== undefined && change.owner !== row.owner) {
      db.prepare("UPDATE credentials SET owner = ? WHERE credential_id = ?").run(change.owner, credentialId);
      insert.run(credentialId, at, actor, "owner", row.owner, change.owner, note);
      events += 1;
    }
    if (events === 0 && note !== null) {
      insert.run(credentialId, at, actor, "note", null, null, note);
      events += 1;
    }
    return events;
  });
  return guard(store.file, () => write.immediate());
}
