import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { joinPath, packageRoot } from "../util/path.js";

/** A compiled Vectorscan database with its scratch space; usable only on the thread that made it. */
export interface VectorscanDatabase {
  readonly __vectorscanDatabase: unique symbol;
}

/** Vectorscan's compile flags, as the addon exports them. */
export interface VectorscanFlags {
  readonly CASELESS: number;
  readonly DOTALL: number;
  readonly MULTILINE: number;
  readonly PREFILTER: number;
}

/** The N-API addon of native/vectorscan (source: native/vectorscan/src/addon.c). */
export interface VectorscanAddon {
  /** Vectorscan's version, e.g. `5.4.9`. */
  readonly version: string;
  /** Whether this CPU runs Vectorscan at all. */
  readonly validPlatform: boolean;
  /** The byte a string's code units above U+00FF become when a string is scanned. */
  readonly wideByte: number;
  readonly flags: VectorscanFlags;
  /** A block-mode database of every pattern; a rejected pattern throws an Error with its `index`. */
  compile(patterns: readonly string[], flags: readonly number[], ids: readonly number[]): VectorscanDatabase;
  serialize(database: VectorscanDatabase): Buffer;
  /** Throws (code `ERR_VECTORSCAN_DATABASE`) on bytes of another version or platform, or corrupt ones. */
  deserialize(bytes: Uint8Array): VectorscanDatabase;
  /** Version, CPU features and mode of serialized bytes, e.g. `Version: 5.4.9 Features: AVX2 Mode: BLOCK`. */
  info(bytes: Uint8Array): string;
  /**
   * Every match end of one pass as `[ids, ends]`, sorted by end, then id. A string is scanned one
   * byte per UTF-16 code unit (`wideByte` above U+00FF), so offsets are string offsets; `oneByte`
   * promises that it holds no code unit above U+00FF, for a plain copy.
   */
  scan(database: VectorscanDatabase, input: string | Uint8Array, oneByte?: boolean): [Int32Array, Int32Array];
}

/** The addon, or why it is not there. */
export type VectorscanLoad = { readonly addon: VectorscanAddon; readonly reason?: undefined } | { readonly addon?: undefined; readonly reason: string };

let loaded: VectorscanLoad | undefined;

/** Where `npm install` / `npm run build` puts the addon (scripts/build-vectorscan.js). */
export function vectorscanAddonFile(): string {
  return joinPath(packageRoot(), "native", "vectorscan", "build", "Release", "vectorscan.node");
}

/** Loads the addon once per thread; an absent or broken build, or NHISCAN_VECTORSCAN=0, is a reason, never a throw. */
export function loadVectorscan(): VectorscanLoad {
  if (loaded !== undefined) return loaded;
  if (process.env["NHISCAN_VECTORSCAN"] === "0") return (loaded = { reason: "Vectorscan is turned off (NHISCAN_VECTORSCAN=0)" });
  const file = vectorscanAddonFile();
  if (!existsSync(file)) return (loaded = { reason: "the Vectorscan addon is not built (no Vectorscan headers at install)" });
  try {
    const addon = createRequire(import.meta.url)(file) as VectorscanAddon;
    loaded = addon.validPlatform ? { addon } : { reason: "this CPU is not supported by Vectorscan" };
  } catch (error) {
    loaded = { reason: `the Vectorscan addon does not load: ${error instanceof Error ? error.message : String(error)}` };
  }
  return loaded;
}
