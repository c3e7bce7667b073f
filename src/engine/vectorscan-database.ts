import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import type { EngineRule } from "../model/engine.js";
import { joinPath, packageRoot } from "../util/path.js";
import type { VectorscanAddon, VectorscanDatabase } from "./vectorscan-addon.js";
import { translatePattern } from "./vectorscan-pattern.js";

/**
 * What a Vectorscan database holds: keywords (ids 0..k-1, caseless literals), then rule
 * patterns (ids k.., widened by vectorscan-pattern.ts). Kept next to the compiled bytes, so that
 * an engine maps any rule set onto the database by content and never trusts ids blindly.
 */
export interface DatabaseContents {
  readonly keywords: readonly string[];
  readonly rules: readonly DatabaseRule[];
  /** Rule patterns asked for that Vectorscan rejected (too large, matching the empty string): not in the database. */
  readonly rejected?: readonly DatabaseRule[];
}

/** A rule pattern in a database: the rule's own pattern and flags, and what Vectorscan runs. */
export interface DatabaseRule {
  readonly pattern: string;
  readonly flags: string;
  readonly expression: string;
  readonly caseless: boolean;
}

export interface CompiledDatabase {
  readonly contents: DatabaseContents;
  readonly database: VectorscanDatabase;
}

/** A database file that cannot be used: stale, corrupt, or built elsewhere. */
export class DatabaseFileError extends Error {}

const MAGIC = "NHISCAN-VECTORSCAN 1\n";

/** Where `npm run build` writes the builtin rules' database. */
export function builtDatabaseFile(): string {
  return joinPath(packageRoot(), "dist", "vectorscan.db");
}

/** The key a rule is found by in a database. */
export function ruleKey(rule: { readonly pattern: string; readonly flags: string }): string {
  return `${rule.flags}\u0000${rule.pattern}`;
}

/** The database contents for keywords and the line-local rules Vectorscan can widen (each pattern once). */
export function databaseContents(keywords: readonly string[], rules: readonly EngineRule[]): DatabaseContents {
  const seen = new Set<string>();
  const out: DatabaseRule[] = [];
  for (const rule of rules) {
    if (!rule.lineLocal || seen.has(ruleKey(rule))) continue;
    seen.add(ruleKey(rule));
    const translated = translatePattern(rule.pattern, rule.flags);
    if ("expression" in translated) out.push({ pattern: rule.pattern, flags: rule.flags, ...translated });
  }
  return { keywords: [...keywords], rules: out };
}

/**
 * Compiles contents into a database. A rule pattern Vectorscan rejects (too large, matches the
 * empty string) is left out and verified in all its windows instead; a keyword never fails.
 */
export function compileDatabase(addon: VectorscanAddon, contents: DatabaseContents): CompiledDatabase {
  const keywords = contents.keywords;
  let rules = [...contents.rules];
  const rejected = [...(contents.rejected ?? [])];
  for (;;) {
    const expressions = [...keywords.map(literal), ...rules.map((r) => r.expression)];
    const flags = [...keywords.map(() => addon.flags.CASELESS), ...rules.map((r) => (r.caseless ? addon.flags.CASELESS : 0))];
    try {
      const database = addon.compile(expressions, flags, expressions.map((_, i) => i));
      return { contents: { keywords, rules, rejected }, database };
    } catch (error) {
      const index = (error as { index?: unknown }).index;
      if (typeof index !== "number" || index < keywords.length) throw error;
      rejected.push(...rules.splice(index - keywords.length, 1));
    }
  }
}

/** A keyword as a Vectorscan literal: every byte escaped. */
function literal(keyword: string): string {
  return [...keyword].map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`).join("");
}

/** Checksum of contents and bytes together: a header that no longer matches its bytes is caught. */
function checksum(contents: DatabaseContents, bytes: Uint8Array): string {
  const { keywords, rules, rejected } = contents;
  return createHash("sha256").update(JSON.stringify({ keywords, rules, rejected })).update(bytes).digest("hex");
}

/** Whether a database was compiled from exactly these contents (what it holds plus what it rejected). */
export function compiledFrom(compiled: DatabaseContents, asked: DatabaseContents): boolean {
  const key = (rules: readonly DatabaseRule[]) => JSON.stringify([...rules].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)));
  return (
    JSON.stringify(compiled.keywords) === JSON.stringify(asked.keywords) &&
    key([...compiled.rules, ...(compiled.rejected ?? [])]) === key([...asked.rules, ...(asked.rejected ?? [])])
  );
}

/** Writes a database file (atomically: a reader never sees half a file). */
export function writeDatabaseFile(file: string, addon: VectorscanAddon, compiled: CompiledDatabase): void {
  const bytes = addon.serialize(compiled.database);
  const contents = { ...compiled.contents, rejected: compiled.contents.rejected ?? [] };
  const header = { vectorscan: addon.version, info: addon.info(bytes), sha256: checksum(contents, bytes), ...contents };
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
  let header: { vectorscan?: unknown; sha256?: unknown; keywords?: unknown; rules?: unknown; rejected?: unknown };
  try {
    header = JSON.parse(data.subarray(MAGIC.length, headerEnd).toString("utf8")) as typeof header;
  } catch {
    throw new DatabaseFileError(`${file} has a corrupt header`);
  }
  if (header.vectorscan !== addon.version) {
    throw new DatabaseFileError(`${file} was built by Vectorscan ${String(header.vectorscan)}, this is ${addon.version}`);
  }
  if (!Array.isArray(header.keywords) || !Array.isArray(header.rules) || !Array.isArray(header.rejected)) {
    throw new DatabaseFileError(`${file} has a corrupt header`);
  }
  const contents: DatabaseContents = { keywords: header.keywords as string[], rules: header.rules as DatabaseRule[], rejected: header.rejected as DatabaseRule[] };
  const bytes = data.subarray(headerEnd + 1);
  if (header.sha256 !== checksum(contents, bytes)) throw new DatabaseFileError(`${file} is corrupt (checksum mismatch)`);
  try {
    return { contents, database: addon.deserialize(bytes) };
  } catch (error) {
    throw new DatabaseFileError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
