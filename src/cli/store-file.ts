import { NhiscanError } from "../model/errors.js";
import type { CliIo } from "./io.js";
import { resolvePath } from "../util/path.js";

/** The store file of a command: --store, else NHISCAN_STORE; neither is a usage error. */
export function storeFileOf(io: CliIo, flag: string | undefined): string {
  const file = flag ?? io.env["NHISCAN_STORE"];
  if (file === undefined || file === "") {
    throw new NhiscanError("store-missing", "no store given", { hint: "Pass --store FILE or set NHISCAN_STORE." });
  }
  return resolvePath(io.cwd, file);
}

const SQLITE_HINT = "Run `npm install` (or `npm rebuild better-sqlite3`); building it needs g++, make and python3.";

/** Loads a store module; a missing better-sqlite3 package is a clear runtime error, not a crash. */
export async function loadStoreModule<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" && /better-sqlite3/.test(String((error as Error).message))) {
      throw new NhiscanError("store-unavailable", "the store needs the better-sqlite3 package, which is not installed", { exitCode: 3, hint: SQLITE_HINT, cause: error });
    }
    throw error;
  }
}
