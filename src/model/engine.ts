/**
 * The match-engine seam: one pass over a text finds every keyword occurrence (and, from a native
 * engine, optionally every rule's prefilter hit); rules and detectors then verify windows in V8.
 * Contract for every engine (see ENGINE-INTERFACE.md):
 * - offsets are UTF-16 code-unit offsets in the JS string;
 * - keywords are ASCII, lower case, matched with ASCII case folding only (a character above
 *   U+007F never matches a keyword character), every occurrence reported, overlapping ones too;
 * - lists are sorted by end offset, ties by ascending id.
 */

/** The engines that can run the keyword pass. */
export const ENGINE_NAMES = ["js", "vectorscan"] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** Occurrences found in one pass: `id[i]` (a keyword or rule index) ends at `end[i]` (exclusive). */
export interface Occurrences {
  readonly count: number;
  readonly id: Int32Array;
  readonly end: Int32Array;
}

/** A rule as an engine sees it. */
export interface EngineRule {
  /** JavaScript pattern and extra flags (the rule's regex is compiled `gd` + flags). */
  readonly pattern: string;
  readonly flags: string;
  /** Indices of the rule's keywords in `EngineSpec.keywords`. */
  readonly keywords: readonly number[];
  /**
   * Whether every match lies on the lines around a keyword (rules/match.ts `isLineLocal`): only
   * these may be prefiltered by an engine, as their windows are verified one by one.
   */
  readonly lineLocal: boolean;
}

/** What an engine is built from, once per thread. */
export interface EngineSpec {
  /** Distinct keywords and detector triggers, lower case, sorted by code unit. */
  readonly keywords: readonly string[];
  /** The rules, in rule order: a rule's index here is its id in `Occurrences`. */
  readonly rules: readonly EngineRule[];
}

/** What one pass over a text found. */
export interface EngineResult {
  /** Every keyword occurrence: id = index into `EngineSpec.keywords`. */
  readonly keywords: Occurrences;
  /**
   * For the rules in `MatchEngine.prefiltered` only: end offsets where a match of the rule's
   * pattern may end (a superset: every real match's end is there). A prefiltered rule with no
   * hit in a keyword window is not run in that window. Absent when the engine prefilters none.
   */
  readonly rules?: Occurrences;
}

/** One match engine, built for an `EngineSpec`. */
export interface MatchEngine {
  readonly name: EngineName;
  /** Rule indices whose hits `scan` reports (line-local rules only); empty for the JS engine. */
  readonly prefiltered: ReadonlySet<number>;
  scan(text: string): EngineResult;
}

/** Builds an engine; throws when it cannot run here (no addon, no database). */
export type EngineFactory = (spec: EngineSpec) => MatchEngine;
