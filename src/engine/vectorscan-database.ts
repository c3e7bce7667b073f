import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { joinPath, packageRoot } from "../util/path.js";
import type { VectorscanAddon, VectorscanDatabase } from "./vectorscan-addon.js";

/**
 * A Vectorscan database of keywords (pattern id = index, caseless literals), stored with the
 * keywords themselves: an engine maps any rule set's keywords onto it by content, never by
 * trusting ids.
 */
export interface CompiledDatabase {
  readonly keywords: readonly string[];
  readonly database: VectorscanDatabase;
}

/** A database file that cannot be used: missing, stale, corrupt, or built for another CPU. */
export class DatabaseFileError extends Error {}

const MAGIC = "NHISCAN-VECTORSCAN 2\n";

/** Where `npm run build` writes the builtin rules' database. */
export function builtDatabaseFile(): string {
  return joinPath(packageRoot(), "dist", "vectorscan.db");
}

/** Compiles keywords (lower-case ASCII) into a database that finds every occurrence, ASCII case folded. */
export function compileDatabase(addon: VectorscanAddon, keywords: readonly string[]): CompiledDatabase {
  const expressions = keywords.map(literal);
  const database = addon.compile(
    expressions,
    expressions.map(() => addon.flags.CASELESS),
    expressions.map((_, i) => i),
  );
  return { keywords: [...keywords], database };
}

/** A keyword as a Vectorscan literal: every byte escaped. */
function literal(keyword: string): string {
  return [...keyword].map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`).join("");
}

/** Checksum of the keywords and bytes together: a header that no longer matches its bytes is caught. */
function checksum(keywords: readonly string[], bytes: Uint8Array): string {
  return createHash("sha256").update(JSON.stringify(keywords)).update(bytes).digest("hex");
}

/** Writes a database file (atomically: a reader never sees half a file). */
export function writeDatabaseFile(file: string, addon: VectorscanAddon, compiled: CompiledDatabase): void {
  const bytes = addon.serialize(compiled.database);
  const header = { vectorscan: addon.version, info: addon.info(bytes), sha256: checksum(compiled.keywords, bytes), keywords: compiled.keywords };
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`), bytes]));
  renameSync(temp, file);
}

/** Reads and validates a database file; throws DatabaseFileError saying why it cannot be used. */
export function readDatabaseFile(file: string, addon: VectorscanAddon): CompiledDatabase {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    throw new DatabaseFileError(`no Vectorscan database at ${file} (run npm run build)`);
  }
  const headerEnd = data.indexOf(10, MAGIC.length);
  if (!data.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC)) || headerEnd < 0) throw new DatabaseFileError(`${file} is not an nhiscan Vectorscan database`);
  let header: { vectorscan?: unknown; sha256?: unknown; keywords?: unknown };
  try {
    header = JSON.parse(data.subarray(MAGIC.length, headerEnd).toString("utf8")) as typeof header;
  } catch {
    throw new DatabaseFileError(`${file} has a corrupt header`);
  }
  if (header.vectorscan !== addon.version) {
    throw new DatabaseFileError(`${file} was built by Vectorscan ${String(header.vectorscan)}, this is ${addon.version}`);
  }
  const keywords = header.keywords;
  if (!Array.isArray(keywords) || !keywords.every((k) => typeof k === "string")) throw new DatabaseFileError(`${file} has a corrupt header`);
  const bytes = data.subarray(headerEnd + 1);
  if (header.sha256 !== checksum(keywords, bytes)) throw new DatabaseFileError(`${file} is corrupt (checksum mismatch)`);
  try {
    return { keywords, database: addon.deserialize(bytes) };
  } catch (error) {
    throw new DatabaseFileError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
