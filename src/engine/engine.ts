import type { EngineFactory, EngineName, EngineRule, EngineSpec, MatchEngine } from "../model/engine.js";
import { ENGINE_NAMES } from "../model/engine.js";
import { ConfigError } from "../model/errors.js";
import type { CompiledRule } from "../model/rule.js";
import { parseKeyword } from "../rules/keywords.js";
import { isLineLocal } from "../rules/match.js";
import { buildAutomaton } from "./aho-corasick.js";
import { vectorscanEngine } from "./vectorscan.js";
import { loadVectorscan } from "./vectorscan-addon.js";

/**
 * The match-engine seam (contract in model/engine.ts). One pass finds every keyword occurrence;
 * the keyword prefilter derives from it which detectors run and each rule's windows, and V8
 * verifies rules there. Engines differ only in how they find occurrences, so every engine gives
 * the same report by construction.
 */

/**
 * The spec of a rule set and the detectors' trigger words: keywords distinct, lower case, sorted;
 * a word-start keyword (`\bdd_`) is searched as its literal (rules/keywords.ts).
 */
export function engineSpec(rules: readonly CompiledRule[], triggers: readonly string[] = []): EngineSpec {
  const literal = (keyword: string) => parseKeyword(keyword).literal;
  const keywords = [...new Set([...rules.flatMap((rule) => rule.keywords.map(literal)), ...triggers.map((t) => t.toLowerCase())])].sort();
  const index = new Map(keywords.map((keyword, i) => [keyword, i]));
  const engineRules: EngineRule[] = rules.map((rule) => ({
    pattern: rule.spec.pattern,
    flags: rule.spec.flags,
    keywords: [...new Set(rule.keywords.map(literal))].map((keyword) => index.get(keyword) ?? -1),
    // Worked out when an engine asks (it runs the rule's examples): the JS engine never does.
    get lineLocal() {
      return isLineLocal(rule);
    },
  }));
  return { keywords, rules: engineRules };
}

/** The pure-JS engine: the Aho-Corasick automaton over the keywords; it prefilters no rule. */
export const jsEngine: EngineFactory = (spec) => {
  const automaton = buildAutomaton(spec.keywords);
  return { name: "js", prefiltered: new Set(), scan: (text) => ({ keywords: automaton.scan(text) }) };
};

/** Engines by name; a native engine's factory throws where it cannot load. */
const FACTORIES: Record<EngineName, EngineFactory> = { js: jsEngine, vectorscan: vectorscanEngine };

/**
 * The engine asked for by `NHISCAN_ENGINE`; by default Vectorscan where its addon is built and
 * loads (the pure-JS engine everywhere else).
 */
export function engineName(): EngineName {
  const asked = process.env["NHISCAN_ENGINE"];
  return ENGINE_NAMES.find((name) => name === asked) ?? (loadVectorscan().addon !== undefined ? "vectorscan" : "js");
}

/** Why an engine cannot run here, or undefined when it can. */
export function engineUnavailable(name: EngineName): string | undefined {
  return name === "vectorscan" ? loadVectorscan().reason : undefined;
}

/** The engines that can run in this build. */
export function availableEngines(): EngineName[] {
  return ENGINE_NAMES.filter((name) => engineUnavailable(name) === undefined);
}

/** The engine a scan runs: the one asked for (default `engineName()`), checked to run here. */
export function resolveEngine(asked: EngineName = engineName()): EngineName {
  const reason = engineUnavailable(asked);
  if (reason !== undefined) {
    throw new ConfigError(`match engine \`${asked}\` is not available: ${reason}`, {
      hint: "use --engine js, or install Vectorscan (Debian libvectorscan-dev, Homebrew vectorscan) and run npm install again",
    });
  }
  return asked;
}

/** What `nhiscan --version` says about engines, e.g. `match engine: vectorscan (Vectorscan 5.4.9)`. */
export function engineSummary(): string {
  const name = engineName();
  const { addon, reason } = loadVectorscan();
  if (addon === undefined) return `match engine: ${name}${name === "js" ? "" : " (not available)"}; ${reason}`;
  return name === "vectorscan" ? `match engine: vectorscan (Vectorscan ${addon.version})` : `match engine: ${name}; Vectorscan ${addon.version} is built too`;
}

/** Builds the named engine for a spec. */
export function createEngine(spec: EngineSpec, name: EngineName = engineName()): MatchEngine {
  const reason = engineUnavailable(name);
  if (reason !== undefined) throw new Error(`match engine \`${name}\` is not available: ${reason}`);
  return FACTORIES[name](spec);
}
