import type { EngineFactory, EngineName, EngineRule, EngineSpec, MatchEngine } from "../model/engine.js";
import { ENGINE_NAMES } from "../model/engine.js";
import type { CompiledRule } from "../model/rule.js";
import { parseKeyword } from "../rules/keywords.js";
import { isLineLocal } from "../rules/match.js";
import { buildAutomaton } from "./aho-corasick.js";

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

/** Engines by name; a native engine adds its factory here (it throws where it cannot load). */
const FACTORIES: Partial<Record<EngineName, EngineFactory>> = { js: jsEngine };

/** The engine asked for by `NHISCAN_ENGINE` (default `js`). */
export function engineName(): EngineName {
  const asked = process.env["NHISCAN_ENGINE"];
  return ENGINE_NAMES.find((name) => name === asked) ?? "js";
}

/** The engines that can be asked for in this build. */
export function availableEngines(): EngineName[] {
  return ENGINE_NAMES.filter((name) => FACTORIES[name] !== undefined);
}

/** Builds the named engine for a spec. */
export function createEngine(spec: EngineSpec, name: EngineName = engineName()): MatchEngine {
  const factory = FACTORIES[name];
  if (factory === undefined) throw new Error(`match engine \`${name}\` is not available in this build (available: ${availableEngines().join(", ")})`);
  return factory(spec);
}
