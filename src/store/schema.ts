// The store's schema as numbered migrations. `PRAGMA user_version` holds the number applied;
// a file with a higher number was written by a newer nhiscan and is refused, never rewritten.

/** `PRAGMA application_id` of an nhiscan store ("NHIS"): tells our files from other SQLite files. */
export const APPLICATION_ID = 0x4e484953;

/** Each entry upgrades the schema from its index to index + 1. Append only; never edit a shipped one. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE scans (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    scan_id TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    target TEXT NOT NULL,
    targets TEXT NOT NULL,
    mode TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    credentials INTEGER NOT NULL,
    open_after INTEGER NOT NULL,
    by_grade TEXT NOT NULL
  );
  CREATE TABLE credentials (
    credential_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    provider TEXT NOT NULL,
    preview TEXT NOT NULL,
    rule_ids TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'remediated', 'rotated', 'revoked', 'accepted')),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    first_committed_at TEXT,
    remediated_at TEXT,
    removed_commit TEXT,
    closed_at TEXT,
    owner TEXT,
    owner_hint TEXT,
    grade TEXT,
    failing_checks TEXT NOT NULL DEFAULT '[]'
  );
  CREATE TABLE target_credentials (
    target TEXT NOT NULL,
    credential_id TEXT NOT NULL REFERENCES credentials (credential_id),
    present INTEGER NOT NULL,
    PRIMARY KEY (target, credential_id)
  );
  CREATE TABLE sightings (
    scan_seq INTEGER NOT NULL REFERENCES scans (seq),
    credential_id TEXT NOT NULL REFERENCES credentials (credential_id),
    grade TEXT NOT NULL,
    failing_checks TEXT NOT NULL,
    owner_hints TEXT NOT NULL,
    in_head INTEGER NOT NULL,
    PRIMARY KEY (scan_seq, credential_id)
  );
  CREATE TABLE locations (
    scan_seq INTEGER NOT NULL REFERENCES scans (seq),
    credential_id TEXT NOT NULL,
    repository TEXT,
    path TEXT NOT NULL,
    line INTEGER NOT NULL,
    commit_sha TEXT,
    commit_date TEXT,
    in_head INTEGER NOT NULL
  );
  CREATE INDEX locations_by_credential ON locations (credential_id, scan_seq);
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    credential_id TEXT NOT NULL REFERENCES credentials (credential_id),
    scan_seq INTEGER REFERENCES scans (seq),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT,
    note TEXT,
    days INTEGER
  );
  CREATE INDEX events_by_credential ON events (credential_id, seq);
  CREATE INDEX events_by_scan ON events (scan_seq);
  `,
];

/** The schema version this nhiscan writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;
