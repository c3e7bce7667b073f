import { closeSync, existsSync, openSync, readSync } from "node:fs";
import Database from "better-sqlite3";
import { StoreError } from "../model/errors.js";
import { secureStoreFile } from "./secure-file.js";
import type { SqlSession, SqlValue, StoreBackend } from "../model/store.js";
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from "./schema.js";

/** The SQLite backend: the store and its raw database, for the copy and the tests. */
export interface SqliteStore extends StoreBackend {
  readonly db: Database.Database;
}

// A writer waits this long for another writer's transaction before giving up: a scan's write
// takes milliseconds, so this only runs out when a process holds the lock abnormally long.
const BUSY_TIMEOUT_MS = 30_000;
const SQLITE_MAGIC = "SQLite format 3\0";
const MAX_CACHED = 256;

/**
 * Opens (and with `create`, creates with mode 0600) the store at `file`, migrating an older
 * schema. A file that is not an nhiscan store, is corrupt or has a newer schema is a StoreError
 * naming the file; it is never reset.
 */
export function openSqliteStore(file: string, options: { create: boolean }): SqliteStore {
  if (!existsSync(file)) {
    if (!options.create) throw new StoreError(`${file}: no such store`, { exitCode: 2, hint: "Record a scan first: nhiscan scan --store FILE." });
    createEmptyFile(file);
  } else {
    secureStoreFile(file);
  }
  checkHeader(file);
  return guard(file, () => {
    const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    try {
      // WAL lets readers run beside one writer; FULL sync makes every committed scan survive a crash.
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = FULL");
      db.pragma("foreign_keys = ON");
      migrate(db, file);
    } catch (error) {
      db.close();
      throw error;
    }
    return sqliteBackend(db, file);
  });
}

/**
 * The backend over a better-sqlite3 connection. Calls are synchronous underneath (a scan's
 * write stays one fast local transaction); statements are prepared once and reused.
 */
function sqliteBackend(db: Database.Database, file: string): SqliteStore {
  const cache = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      // Multi-row statements vary in length: keep the cache bounded.
      if (cache.size >= MAX_CACHED) cache.clear();
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  const session: SqlSession = {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => guard(file, () => prepared(sql).all(...params) as T[]),
    get: async <T>(sql: string, params: readonly SqlValue[] = []) => guard(file, () => prepared(sql).get(...params) as T | undefined),
    run: async (sql: string, params: readonly SqlValue[] = []) => guard(file, () => prepared(sql).run(...params).changes),
  };
  let inWrite = false;
  return {
    ...session,
    kind: "sqlite",
    label: file,
    db,
    async write<T>(work: (tx: SqlSession) => Promise<T>): Promise<T> {
      if (inWrite) throw new Error("store: nested write transaction");
      // IMMEDIATE takes the write lock up front (waiting up to the busy timeout), so the reads
      // inside see what the write is based on and no other writer can slip in between.
      guard(file, () => db.exec("BEGIN IMMEDIATE"));
      inWrite = true;
      try {
        const result = await work(session);
        guard(file, () => db.exec("COMMIT"));
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      } finally {
        inWrite = false;
      }
    },
    close: async () => {
      db.close();
    },
  };
}

/** Runs `work` and turns SQLite's errors into StoreErrors that name the file. */
export function guard<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw asStoreError(file, error);
  }
}

function asStoreError(file: string, error: unknown): unknown {
  if (error instanceof StoreError || !(error instanceof Error)) return error;
  const code = (error as Error & { code?: unknown }).code;
  // The native binding is loaded on first open: not built, or built for another Node.
  if (code === "ERR_DLOPEN_FAILED" || /bindings file|NODE_MODULE_VERSION/.test(error.message)) {
    return new StoreError(`${file}: cannot load SQLite (better-sqlite3): ${error.message.split("\n")[0] ?? ""}`, {
      cause: error,
      hint: "Run `npm install` (or `npm rebuild better-sqlite3`); building it needs g++, make and python3.",
    });
  }
  if (typeof code !== "string" || !code.startsWith("SQLITE_")) return error;
  if (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT")) {
    return new StoreError(`${file}: the store is corrupt (${error.message})`, { cause: error, hint: CORRUPT_HINT });
  }
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return new StoreError(`${file}: the store stayed locked by another process for ${BUSY_TIMEOUT_MS / 1000} s`, { cause: error });
  }
  if (code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_CANTOPEN") || code.startsWith("SQLITE_IOERR") || code === "SQLITE_FULL") {
    return new StoreError(`${file}: cannot write the store (${code}: ${error.message})`, {
      cause: error,
      hint: "Check that the file and its folder are writable.",
    });
  }
  return new StoreError(`${file}: store error (${code}: ${error.message})`, { cause: error });
}

const CORRUPT_HINT = "nhiscan never resets a store: restore it from a backup, or record into a new file.";

function createEmptyFile(file: string): void {
  try {
    closeSync(openSync(file, "wx", 0o600));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Another scan created it a moment ago: fine, SQLite serialises the rest.
    if (code === "EEXIST") return;
    throw new StoreError(`${file}: cannot create the store (${code ?? "error"})`, {
      exitCode: 2,
      cause: error,
      hint: "Check that the folder exists and is writable.",
    });
  }
}

/** A non-empty file that does not start with SQLite's magic is refused before SQLite sees it. */
function checkHeader(file: string): void {
  const head = Buffer.alloc(SQLITE_MAGIC.length);
  let read = 0;
  try {
    const fd = openSync(file, "r");
    try {
      read = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new StoreError(`${file}: cannot read the store (${(error as NodeJS.ErrnoException).code ?? "error"})`, { exitCode: 2, cause: error });
  }
  if (read === 0) return;
  if (read < head.length || head.toString("latin1") !== SQLITE_MAGIC) {
    throw new StoreError(`${file}: not an SQLite database (corrupt, or not an nhiscan store)`, { hint: CORRUPT_HINT });
  }
}

/** Applies the missing migrations in one write transaction; concurrent first opens apply them once. */
function migrate(db: Database.Database, file: string): void {
  const step = db.transaction(() => {
    const version = db.pragma("user_version", { simple: true }) as number;
    const appId = db.pragma("application_id", { simple: true }) as number;
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master").get() as { n: number }).n;
    if (appId !== APPLICATION_ID && (version !== 0 || tables !== 0)) {
      throw new StoreError(`${file}: an SQLite database, but not an nhiscan store`, { exitCode: 2, hint: "Point --store at an nhiscan store or a new file." });
    }
    if (version > SCHEMA_VERSION) {
      throw new StoreError(`${file}: store schema version ${version} is newer than this nhiscan supports (${SCHEMA_VERSION})`, {
        exitCode: 2,
        hint: "Upgrade nhiscan to read this store; it was left untouched.",
      });
    }
    for (let v = version; v < SCHEMA_VERSION; v += 1) db.exec(MIGRATIONS[v] ?? "");
    if (version < SCHEMA_VERSION) {
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }
  });
  step.immediate();
}
