import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import type { RuleSpec } from "../model/rule.js";
import { joinPath, packageRoot } from "../util/path.js";
import { ruleFilesOf } from "./rule-files.js";

/**
 * The builtin rules as validated JSON, written at build time next to the compiled code.
 * Parsing ~400 KB of YAML takes most of a second; reading this takes milliseconds. The cache
 * carries a hash of the YAML files' names and contents, so an edited rule file is never
 * served stale: a mismatch falls back to parsing the YAML.
 */
export interface RuleCache {
  readonly fingerprint: string;
  readonly rules: readonly { readonly spec: RuleSpec; readonly source: string }[];
}

function cacheFile(): string {
  return joinPath(packageRoot(), "dist", "builtin-rules.json");
}

/** Hash of every rule file's name and content in a folder and its `catalogue/` sub-folder. */
export function fingerprintRuleDir(dir: string): string {
  const hash = createHash("sha256");
  const { rules, catalogue } = ruleFilesOf(dir);
  for (const file of [...rules, ...catalogue]) hash.update(file.slice(dir.length)).update("\u0000").update(readFileSync(file)).update("\u0000");
  return hash.digest("hex");
}

/** The cached specs when they match the folder's current files, else undefined. */
export function readRuleCache(dir: string): RuleCache["rules"] | undefined {
  let cache: RuleCache;
  try {
    cache = JSON.parse(readFileSync(cacheFile(), "utf8")) as RuleCache;
  } catch {
    return undefined;
  }
  return cache.fingerprint === fingerprintRuleDir(dir) ? cache.rules : undefined;
}

/** Writes the cache for a folder's already validated rules. */
export function writeRuleCache(dir: string, rules: RuleCache["rules"]): void {
  const cache: RuleCache = { fingerprint: fingerprintRuleDir(dir), rules };
  writeFileSync(cacheFile(), JSON.stringify(cache));
}
