import { NhiscanError } from "../model/errors.js";
import type { StoreLocation } from "../model/store.js";
import { isPostgresUrl, redactSecretsOf, storeLocation } from "../store/location.js";
import type { CliIo } from "./io.js";
import { resolvePath } from "../util/path.js";

const STORE_HINT = "Pass --store FILE or set NHISCAN_STORE (a file for SQLite, postgres://… for PostgreSQL).";

/** The raw store value of a command: --store, else NHISCAN_STORE; undefined when neither is set. */
export function storeValueOf(io: CliIo, flag: string | undefined): string | undefined {
  const value = flag ?? io.env["NHISCAN_STORE"];
  return value === undefined || value === "" ? undefined : value;
}

/** The store of a command: --store, else NHISCAN_STORE; neither is a usage error. */
export function storeLocationOf(io: CliIo, flag: string | undefined): StoreLocation {
  const value = storeValueOf(io, flag);
  if (value === undefined) throw new NhiscanError("store-missing", "no store given", { hint: STORE_HINT });
  return storeLocation(value, (file) => resolvePath(io.cwd, file));
}

const SQLITE_HINT = "Run `npm install` (or `npm rebuild better-sqlite3`); building it needs g++, make and python3.";

/** Loads a store module; a missing driver package (better-sqlite3, pg) is a clear runtime error, not a crash. */
export async function loadStoreModule<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const missing =
      (error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" ? /'(better-sqlite3|pg)'/.exec(String((error as Error).message))?.[1] : undefined;
    if (missing !== undefined) {
      throw new NhiscanError("store-unavailable", `the store needs the ${missing} package, which is not installed`, {
        exitCode: 3,
        hint: missing === "pg" ? "Run `npm install`." : SQLITE_HINT,
        cause: error,
      });
    }
    throw error;
  }
}

/** Masks the password of every PostgreSQL connection string among `values` in a text. */
export function storePasswordRedactor(values: readonly string[]): (text: string) => string {
  const urls = values
    .map((v) => v.replace(/^--[\w-]+=/, ""))
    .filter(isPostgresUrl)
    .map((url) => storeLocation(url, (file) => file));
  return urls.length === 0 ? (text) => text : (text) => urls.reduce((out, location) => redactSecretsOf(location, out), text);
}
