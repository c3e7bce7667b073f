import type { Client, ClientConfig, DatabaseError } from "pg";
import { NhiscanError, StoreError } from "../model/errors.js";
import type { SqlSession, SqlValue, StoreBackend, StoreLocation } from "../model/store.js";
import { redactSecretsOf } from "./location.js";
import { pgpassPassword } from "./pgpass.js";
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, postgresMigration } from "./schema.js";

type PostgresLocation = Extract<StoreLocation, { kind: "postgres" }>;

// Advisory lock keys (per database): one serialises writers of the store, one its migrations.
const WRITE_LOCK = APPLICATION_ID;
const MIGRATE_LOCK = APPLICATION_ID + 1;
/** How long a writer waits for another writer's scan before giving up. */
const LOCK_TIMEOUT = "120s";
/** Serialization failures and deadlocks are retried this many times, with doubling backoff. */
const MAX_ATTEMPTS = 6;
const BACKOFF_MS = 40;
const RETRYABLE = new Set(["40001", "40P01"]);
const INT8_OID = 20;

/**
 * Opens the PostgreSQL store at `location` (with `create`, creates the schema), migrating an
 * older schema. The connection string's password, PGPASSWORD or `.pgpass` authenticate; no
 * message ever shows the password, only the redacted label.
 */
export async function openPostgresStore(location: PostgresLocation, options: { create: boolean }): Promise<StoreBackend> {
  const pg = await import("pg").then((m) => m.default);
  const config: ClientConfig = {
    connectionString: location.url,
    application_name: "nhiscan",
    // counts and ids as numbers, as SQLite gives them (a store never nears 2^53 rows)
    types: { getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format))) as never },
  };
  const client = new pg.Client(config);
  // No password in the URL nor PGPASSWORD: look in .pgpass ourselves (pg's own lookup is
  // deprecated and prints a warning). pg calls a password function with the connection's
  // parameters (its typings omit them) and takes undefined as "no password".
  const holder = client as unknown as { password: unknown };
  if (holder.password === null || holder.password === "") holder.password = async (params: ConnectionTarget) => pgpassFor(params);
  // A dropped connection surfaces on the next query; without a listener it would crash the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw asStoreError(location, error, "cannot connect to");
  }
  try {
    await migrate(client, location, options.create);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return postgresBackend(client, location);
}

interface ConnectionTarget {
  readonly host?: string;
  readonly port?: number;
  readonly database?: string;
  readonly user?: string;
}

function pgpassFor(params: ConnectionTarget): string | undefined {
  const user = params.user ?? "";
  return pgpassPassword({ host: params.host ?? "localhost", port: params.port ?? 5432, database: params.database ?? user, user });
}

function postgresBackend(client: Client, location: PostgresLocation): StoreBackend {
  // Inside a write, errors reach write() as pg raised them (it retries by SQLSTATE); outside,
  // each becomes a StoreError at once.
  const sessionOf = (mapErrors: boolean): SqlSession => {
    const query = async <T>(sql: string, params: readonly SqlValue[]): Promise<{ rows: T[]; rowCount: number | null }> => {
      try {
        const result = await client.query(numbered(sql), [...params]);
        return { rows: result.rows as T[], rowCount: result.rowCount };
      } catch (error) {
        throw mapErrors ? asStoreError(location, error, "store error in") : error;
      }
    };
    return {
      all: async <T>(sql: string, params: readonly SqlValue[] = []) => (await query<T>(sql, params)).rows,
      get: async <T>(sql: string, params: readonly SqlValue[] = []) => (await query<T>(sql, params)).rows[0],
      run: async (sql: string, params: readonly SqlValue[] = []) => (await query(sql, params)).rowCount ?? 0,
    };
  };
  const session = sessionOf(true);
  const inTransaction = sessionOf(false);
  return {
    ...session,
    kind: "postgres",
    label: location.label,
    async write<T>(work: (tx: SqlSession) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt += 1) {
        try {
          await client.query("BEGIN ISOLATION LEVEL READ COMMITTED");
          await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
          // Writers take turns, as on SQLite: a scan's reads (is this credential new? is it held
          // elsewhere? how many are open?) then hold until its commit, so no event is lost.
          await client.query("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK]);
          const result = await work(inTransaction);
          await client.query("COMMIT");
          return result;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          const code = sqlStateOf(error);
          if (code !== undefined && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) {
            await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS * 2 ** (attempt - 1) * (0.5 + Math.random())));
            continue;
          }
          throw asStoreError(location, error, "cannot write");
        }
      }
    },
    close: async () => {
      await client.end().catch(() => undefined);
    },
  };
}

/** `?` placeholders as PostgreSQL's `$1, $2, …` (the store's SQL has no `?` inside literals). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${(n += 1)}`);
}

/**
 * Creates or migrates the schema under an advisory lock, so concurrent first runs migrate once.
 * `nhiscan_meta` marks an nhiscan store and holds its schema version.
 */
async function migrate(client: Client, location: PostgresLocation, create: boolean): Promise<void> {
  const q = async (sql: string, params: SqlValue[] = []) => {
    try {
      return await client.query(sql, params);
    } catch (error) {
      throw asStoreError(location, error, "cannot migrate");
    }
  };
  await q("BEGIN");
  try {
    await q("SELECT pg_advisory_xact_lock($1)", [MIGRATE_LOCK]);
    const found = await q("SELECT to_regclass('nhiscan_meta') AS meta, to_regclass('scans') AS scans");
    const row = found.rows[0] as { meta: string | null; scans: string | null };
    let version = 0;
    if (row.meta === null) {
      if (row.scans !== null) {
        throw new StoreError(`${location.label}: a PostgreSQL database, but not an nhiscan store (it has a table "scans")`, {
          exitCode: 2,
          hint: "Point --store at another database or schema (e.g. ?options=-c%20search_path%3Dnhiscan).",
        });
      }
      if (!create)
        throw new StoreError(`${location.label}: no nhiscan store in this database`, { exitCode: 2, hint: "Record a scan first: nhiscan scan --store URL." });
      await q("CREATE TABLE nhiscan_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      await q("INSERT INTO nhiscan_meta (key, value) VALUES ('application_id', $1), ('schema_version', '0')", [String(APPLICATION_ID)]);
    } else {
      const meta = await q("SELECT key, value FROM nhiscan_meta");
      const values = new Map((meta.rows as { key: string; value: string }[]).map((r) => [r.key, r.value]));
      if (values.get("application_id") !== String(APPLICATION_ID)) {
        throw new StoreError(`${location.label}: a PostgreSQL database, but not an nhiscan store`, { exitCode: 2, hint: "Point --store at an nhiscan store." });
      }
      version = Number(values.get("schema_version") ?? "0");
    }
    if (version > SCHEMA_VERSION) {
      throw new StoreError(`${location.label}: store schema version ${version} is newer than this nhiscan supports (${SCHEMA_VERSION})`, {
        exitCode: 2,
        hint: "Upgrade nhiscan to read this store; it was left untouched.",
      });
    }
    for (let v = version; v < SCHEMA_VERSION; v += 1) await q(postgresMigration(MIGRATIONS[v] ?? ""));
    if (version < SCHEMA_VERSION) await q("UPDATE nhiscan_meta SET value = $1 WHERE key = 'schema_version'", [String(SCHEMA_VERSION)]);
    await q("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return code;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause === undefined ? undefined : sqlStateOf(cause);
}

/** A StoreError naming the redacted store; nothing of the connection string's password survives. */
function asStoreError(location: PostgresLocation, error: unknown, doing: string): unknown {
  if (error instanceof NhiscanError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const message = redactSecretsOf(location, raw);
  // pg's own wording when the server asks for a password and none was found anywhere.
  const code = /client password must be a string/.test(raw) ? "28P01" : (error as Partial<DatabaseError> | null)?.code;
  const hint = hintFor(code, raw);
  // The cause is dropped: its message or stack could hold what the redaction removed.
  const what = /client password must be a string/.test(raw) ? "the server asks for a password, and none was given" : message;
  return new StoreError(`${location.label}: ${doing} the PostgreSQL store (${code === undefined ? "" : `${code}: `}${what})`, {
    ...(hint === undefined ? {} : { hint }),
    exitCode: code === "3D000" || code === "28P01" || code === "28000" ? 2 : 3,
  });
}

function hintFor(code: string | undefined, message: string): string | undefined {
  if (code === "ECONNREFUSED" || code === "ENOENT" || /ECONNREFUSED|ENOENT/.test(message))
    return "Is the server running, and are host and port (or the socket folder in ?host=) right?";
  if (code === "28P01" || code === "28000") return "Give the password in PGPASSWORD or ~/.pgpass (mode 0600), not in the URL.";
  if (code === "3D000") return "Create the database first (createdb NAME), or name an existing one.";
  if (code === "55P03") return "Another writer held the store's lock for too long.";
  return undefined;
}
