import type { EngineFactory, EngineSpec, Occurrences } from "../model/engine.js";
import { loadVectorscan, type VectorscanAddon, type VectorscanDatabase } from "./vectorscan-addon.js";
import {
  builtDatabaseFile,
  compileDatabase,
  databaseContents,
  DatabaseFileError,
  readDatabaseFile,
  ruleKey,
  type CompiledDatabase,
  type DatabaseContents,
} from "./vectorscan-database.js";
import { WIDE_BYTE } from "./vectorscan-pattern.js";

/**
 * The Vectorscan engine: one native pass finds every keyword occurrence and, for each line-local
 * rule whose pattern it can widen, the lines where a match may end. The builtin rules' database
 * is compiled at build time (seconds) and loaded here (milliseconds); keywords and rules it lacks
 * (custom rules, plugin triggers) go into a small database compiled at start. V8 verifies every
 * hit as with the JS engine (detectors/keyword-prefilter.ts), so reports are identical.
 */

/** One database and how its ids map onto the spec's (-1: not in this spec). */
interface Source {
  readonly database: VectorscanDatabase;
  readonly keywordCount: number;
  /** Undefined when database keyword i is spec keyword i. */
  readonly keywordMap: Int32Array | undefined;
  readonly ruleMap: Int32Array;
}

// Per thread: each worker loads its own copy (a database object is bound to its thread).
let built: CompiledDatabase | DatabaseFileError | undefined;

/** The build's database, or why it cannot be used here (stale, corrupt, other CPU): then everything is compiled at start. */
export function builtDatabase(addon: VectorscanAddon): CompiledDatabase | DatabaseFileError {
  if (built !== undefined) return built;
  try {
    built = readDatabaseFile(builtDatabaseFile(), addon);
  } catch (error) {
    if (!(error instanceof DatabaseFileError)) throw error;
    built = error;
  }
  return built;
}

// Per thread, the last few databases compiled at start: scans in one process reuse them.
const compiledAtStart = new Map<string, CompiledDatabase>();

function compileCached(addon: VectorscanAddon, contents: DatabaseContents): CompiledDatabase {
  const key = JSON.stringify(contents);
  const known = compiledAtStart.get(key) ?? compileDatabase(addon, contents);
  compiledAtStart.delete(key);
  compiledAtStart.set(key, known);
  for (const old of compiledAtStart.keys()) if (compiledAtStart.size > 4) compiledAtStart.delete(old);
  return known;
}

export const vectorscanEngine: EngineFactory = (spec) => {
  const load = loadVectorscan();
  if (load.addon === undefined) throw new Error(load.reason);
  const addon = load.addon;
  if (addon.wideByte !== WIDE_BYTE) throw new Error(`the Vectorscan addon maps wide characters to ${addon.wideByte}, expected ${WIDE_BYTE}: rebuild it`);
  const wanted = databaseContents(spec.keywords, spec.rules);
  const base = builtDatabase(addon);
  const sources: Source[] = [];
  const prefiltered = new Set<number>();
  let missing = wanted;
  if (!(base instanceof DatabaseFileError)) {
    sources.push(mapSource(base, spec, wanted, prefiltered));
    const keywords = new Set(base.contents.keywords);
    // A rule Vectorscan rejected at build time is not tried again.
    const rules = new Set([...base.contents.rules, ...(base.contents.rejected ?? [])].map(sameRuleKey));
    missing = { keywords: wanted.keywords.filter((k) => !keywords.has(k)), rules: wanted.rules.filter((r) => !rules.has(sameRuleKey(r))) };
  }
  if (missing.keywords.length > 0 || missing.rules.length > 0) sources.push(mapSource(compileCached(addon, missing), spec, wanted, prefiltered));
  return {
    name: "vectorscan",
    prefiltered,
    scan(text) {
      if (sources.length === 1 && sources[0] !== undefined) return scanSource(addon, sources[0], text);
      const parts = sources.map((source) => scanSource(addon, source, text));
      return { keywords: merge(parts.map((p) => p.keywords)), rules: merge(parts.map((p) => p.rules)) };
    },
  };
};

/** A rule is the same in two databases when its pattern, flags and widened expression are. */
function sameRuleKey(rule: DatabaseContents["rules"][number]): string {
  return `${ruleKey(rule)}\u0000${rule.caseless ? "i" : ""}\u0000${rule.expression}`;
}

function mapSource(compiled: CompiledDatabase, spec: EngineSpec, wanted: DatabaseContents, prefiltered: Set<number>): Source {
  const { keywords, rules } = compiled.contents;
  const keywordIndex = new Map(spec.keywords.map((k, i) => [k, i]));
  const identity = keywords.length === spec.keywords.length && keywords.every((k, i) => spec.keywords[i] === k);
  // The first line-local spec rule of each key: a duplicate pattern is verified in all its windows.
  const ruleIndex = new Map<string, number>();
  spec.rules.forEach((rule, r) => {
    if (rule.lineLocal && !ruleIndex.has(ruleKey(rule))) ruleIndex.set(ruleKey(rule), r);
  });
  const current = new Set(wanted.rules.map(sameRuleKey));
  const ruleMap = Int32Array.from(rules, (rule) => (current.has(sameRuleKey(rule)) ? (ruleIndex.get(ruleKey(rule)) ?? -1) : -1));
  for (const r of ruleMap) if (r >= 0) prefiltered.add(r);
  return {
    database: compiled.database,
    keywordCount: keywords.length,
    keywordMap: identity ? undefined : Int32Array.from(keywords, (k) => keywordIndex.get(k) ?? -1),
    ruleMap,
  };
}

/** A code unit above U+00FF: V8 answers at once for a one-byte string, which then goes over as a plain copy. */
const WIDE = /[^\x00-\xff]/;

function scanSource(addon: VectorscanAddon, source: Source, text: string): { keywords: Occurrences; rules: Occurrences } {
  const [ids, ends, ruleIds, ruleEnds] = addon.scan(source.database, text, source.keywordCount, !WIDE.test(text));
  const keywords = source.keywordMap === undefined ? { count: ids.length, id: ids, end: ends } : remap(ids, ends, source.keywordMap);
  return { keywords, rules: remap(ruleIds, ruleEnds, source.ruleMap) };
}

/** Occurrences with ids mapped (dropping -1), kept sorted by end, then id. */
function remap(ids: Int32Array, ends: Int32Array, map: Int32Array): Occurrences {
  const id = new Int32Array(ids.length);
  const end = new Int32Array(ids.length);
  let count = 0;
  let sorted = true;
  for (let i = 0; i < ids.length; i++) {
    const mapped = map[ids[i] ?? 0] ?? -1;
    if (mapped < 0) continue;
    const e = ends[i] ?? 0;
    if (count > 0 && ((end[count - 1] ?? 0) > e || ((end[count - 1] ?? 0) === e && (id[count - 1] ?? 0) > mapped))) sorted = false;
    id[count] = mapped;
    end[count++] = e;
  }
  return sorted ? { count, id, end } : sortOccurrences(id.subarray(0, count), end.subarray(0, count));
}

/** Occurrences of several databases as one list, sorted by end, then id. */
function merge(parts: readonly Occurrences[]): Occurrences {
  const count = parts.reduce((n, p) => n + p.count, 0);
  const id = new Int32Array(count);
  const end = new Int32Array(count);
  let at = 0;
  for (const part of parts) {
    id.set(part.id.subarray(0, part.count), at);
    end.set(part.end.subarray(0, part.count), at);
    at += part.count;
  }
  return sortOccurrences(id, end);
}

function sortOccurrences(id: Int32Array, end: Int32Array): Occurrences {
  // end * 2^21 + id stays below 2^53 for offsets under 2^31 and ids under 2^21.
  const keys = Float64Array.from(id, (k, i) => (end[i] ?? 0) * 2097152 + k).sort();
  return {
    count: keys.length,
    id: Int32Array.from(keys, (key) => key % 2097152),
    end: Int32Array.from(keys, (key) => Math.floor(key / 2097152)),
  };
}
