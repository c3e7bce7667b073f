import type { EngineFactory, Occurrences } from "../model/engine.js";
import { loadVectorscan, type VectorscanAddon, type VectorscanDatabase } from "./vectorscan-addon.js";
import { builtDatabaseFile, compileDatabase, DatabaseFileError, readDatabaseFile, type CompiledDatabase } from "./vectorscan-database.js";

/**
 * The Vectorscan engine: one native pass finds every keyword occurrence; V8 then verifies rules
 * and detectors in the keyword windows exactly as with the JS engine (detectors/keyword-prefilter.ts),
 * so reports are identical. The builtin keywords' database is compiled at build time and loaded
 * here; keywords it lacks (custom rules, plugin triggers) go into a small database compiled at start.
 *
 * Rule patterns are not prefiltered natively: Vectorscan 5.4.9 misses matches of some of them
 * (`(?:datadog|\bdd_)[^\n]{0,40}app`, caseless, after a line of 16+ characters), and a missed
 * window is a missed finding; on the generated tree they saved no measurable CPU either.
 */

/** One database and how its keyword ids map onto the spec's (-1: not in this spec). */
interface Source {
  readonly database: VectorscanDatabase;
  readonly keywordMap: Int32Array;
}

// Per thread: each worker loads its own copy (a database object is bound to its thread).
let built: CompiledDatabase | DatabaseFileError | undefined;

/** The build's database, or why it cannot be used here (then every keyword is compiled at start). */
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

// Per thread, the last few databases compiled at start: the scans of one process reuse them.
const compiledAtStart = new Map<string, CompiledDatabase>();

function compileCached(addon: VectorscanAddon, keywords: readonly string[]): CompiledDatabase {
  const key = keywords.join("\u0000");
  const known = compiledAtStart.get(key) ?? compileDatabase(addon, keywords);
  compiledAtStart.delete(key);
  compiledAtStart.set(key, known);
  for (const old of compiledAtStart.keys()) if (compiledAtStart.size > 4) compiledAtStart.delete(old);
  return known;
}

export const vectorscanEngine: EngineFactory = (spec) => {
  const { addon, reason } = loadVectorscan();
  if (addon === undefined) throw new Error(reason);
  const index = new Map(spec.keywords.map((k, i) => [k, i]));
  const source = (compiled: CompiledDatabase): Source => ({
    database: compiled.database,
    keywordMap: Int32Array.from(compiled.keywords, (k) => index.get(k) ?? -1),
  });
  const sources: Source[] = [];
  let missing = spec.keywords;
  const base = builtDatabase(addon);
  if (!(base instanceof DatabaseFileError)) {
    sources.push(source(base));
    const known = new Set(base.keywords);
    missing = spec.keywords.filter((k) => !known.has(k));
  }
  if (missing.length > 0) sources.push(source(compileCached(addon, missing)));
  const codes = spec.keywords.map((k) => Uint8Array.from(k, (c) => c.charCodeAt(0)));
  return {
    name: "vectorscan",
    prefiltered: new Set(),
    scan(text) {
      const parts = sources.map((s) => occurrences(addon, s, text, codes));
      return { keywords: parts.length === 1 && parts[0] !== undefined ? parts[0] : merge(parts) };
    },
  };
};

/** A code unit above U+00FF: V8 answers at once for a one-byte string, which then goes over as a plain copy. */
const WIDE = /[^\x00-\xff]/;

/**
 * One database's occurrences in the spec's ids, sorted by end, then id. Each is checked against
 * the text (ASCII case folding), so that whatever Vectorscan reports, only real occurrences count.
 */
function occurrences(addon: VectorscanAddon, source: Source, text: string, codes: readonly Uint8Array[]): Occurrences {
  const [ids, ends] = addon.scan(source.database, text, !WIDE.test(text));
  const id = new Int32Array(ids.length);
  const end = new Int32Array(ids.length);
  let count = 0;
  let sorted = true;
  for (let i = 0; i < ids.length; i++) {
    const k = source.keywordMap[ids[i] ?? 0] ?? -1;
    const e = ends[i] ?? 0;
    if (k < 0 || !occursAt(text, codes[k], e)) continue;
    if (count > 0 && ((end[count - 1] ?? 0) > e || ((end[count - 1] ?? 0) === e && (id[count - 1] ?? 0) > k))) sorted = false;
    id[count] = k;
    end[count++] = e;
  }
  return sorted ? { count, id, end } : sortOccurrences(id.subarray(0, count), end.subarray(0, count));
}

function occursAt(text: string, keyword: Uint8Array | undefined, end: number): boolean {
  if (keyword === undefined || end < keyword.length || end > text.length) return false;
  const start = end - keyword.length;
  for (let i = 0; i < keyword.length; i++) {
    const c = text.charCodeAt(start + i);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== keyword[i]) return false;
  }
  return true;
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
