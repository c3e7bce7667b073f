import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { DETECTORS } from "../../src/detectors/index.js";
import { buildPrefilter, type KeywordPrefilter } from "../../src/detectors/keyword-prefilter.js";
import { createEngine, engineSpec } from "../../src/engine/engine.js";
import { loadVectorscan } from "../../src/engine/vectorscan-addon.js";
import type { MatchEngine, Occurrences } from "../../src/model/engine.js";
import { matchRuleIn } from "../../src/rules/match.js";
import { loadBuiltinRules } from "../../src/rules/load.js";

// The Vectorscan engine against the JS engine over the builtin rules: the same keyword
// occurrences, and every rule verified in its windows gives the same matches.
const load = loadVectorscan();
const title = load.addon !== undefined ? "vectorscan engine" : `vectorscan engine (skipped: ${load.reason})`;

const rules = loadBuiltinRules();
const triggers = Object.values(DETECTORS).flatMap((detector) => detector.triggers ?? []);

function list(o: Occurrences): [number, number][] {
  return Array.from(o.id.subarray(0, o.count), (id, i) => [id, o.end[i] ?? -1]);
}

// Pieces that exercise the byte mapping: Latin-1, wide characters (low bytes that look like ASCII
// letters, quotes, line breaks), \r, NBSP, U+2028 and emoji surrogates.
const tricky = ["é", "ÿ", "\u00a0", "\u0161", "\u0122", "\u010a", "\u212a", "\u017f", "\u2028", "\u3000", "😀", "\r", "\n", "\t", " ", '"', "="];
const examples = rules.flatMap((rule) => [...rule.spec.examples.map((e) => e.input), ...rule.spec.negativeExamples]);
const keywords = [...new Set(rules.flatMap((rule) => rule.keywords))];

/** Tricky characters replace code units: inside a secret, next to a keyword, in a line break. */
const substituted = (base: fc.Arbitrary<string>) =>
  fc
    .tuple(base, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...tricky)), { maxLength: 3 }))
    .map(([t, edits]) => edits.reduce((acc, [at, c]) => (acc.length === 0 ? acc : acc.slice(0, at % acc.length) + c + acc.slice((at % acc.length) + 1)), t));

/** One rule example with a few substitutions, or examples, keywords and noise spliced together. */
const text = fc.oneof(
  substituted(fc.constantFrom(...examples)),
  substituted(
    fc
      .array(
        fc.oneof(
          fc.constantFrom(...examples),
          fc.constantFrom(...keywords).map((k) => k.toUpperCase()),
          fc.constantFrom(...keywords),
          fc.constantFrom(...tricky),
          fc.string({ maxLength: 12 }),
        ),
        { maxLength: 12 },
      )
      .map((pieces) => pieces.join("")),
  ),
);

describe.skipIf(load.addon === undefined)(title, () => {
  // Built before the tests, not while collecting them: a suite skipped for want of the addon never runs this.
  const spec = engineSpec(rules, triggers);
  let js: MatchEngine;
  let vs: MatchEngine;
  let jsPrefilter: KeywordPrefilter;
  let vsPrefilter: KeywordPrefilter;
  beforeAll(() => {
    js = createEngine(spec, "js");
    vs = createEngine(spec, "vectorscan");
    jsPrefilter = buildPrefilter(rules, triggers, "js");
    vsPrefilter = buildPrefilter(rules, triggers, "vectorscan");
  });

  test("finds every keyword occurrence the automaton finds, in the same order", () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(list(vs.scan(t).keywords)).toEqual(list(js.scan(t).keywords));
      }),
      { numRuns: 1500 },
    );
  });

  test("every rule verified in its windows finds the same matches", () => {
    fc.assert(
      fc.property(text, (t) => {
        const a = jsPrefilter.scan(t);
        const b = vsPrefilter.scan(t);
        expect(b.triggers).toEqual(a.triggers);
        expect(b.rules).toEqual(a.rules);
        for (const rule of a.rules) {
          expect([rule.spec.id, matchRuleIn(rule, t, b.windowsOf(rule))]).toEqual([rule.spec.id, matchRuleIn(rule, t, a.windowsOf(rule))]);
        }
      }),
      { numRuns: 1500 },
    );
  });

  test("each rule's own examples: same matches, in a long text, with other spaces and line breaks too", () => {
    // Other spaces and line breaks, a wide character, upper case: where a byte-level pass could differ.
    const variants = examples.flatMap((e) => [
      e,
      ...["\u00a0", "\u3000", "\u2028", "\v", "\u0161"].map((c) => e.replace(/ /g, c)),
      ...["\r\n", "\r", "\u2028"].map((c) => e.replace(/\n/g, c)),
      e.toUpperCase(),
    ]);
    for (const t of [...variants, examples.join("\n")]) {
      const a = jsPrefilter.scan(t);
      const b = vsPrefilter.scan(t);
      expect(b.rules).toEqual(a.rules);
      for (const rule of a.rules) {
        expect([rule.spec.id, matchRuleIn(rule, t, b.windowsOf(rule))]).toEqual([rule.spec.id, matchRuleIn(rule, t, a.windowsOf(rule))]);
      }
    }
  });

  test("custom rules and triggers the build's database lacks are compiled at start", () => {
    const custom = { ...spec, keywords: [...spec.keywords, "zz-custom-trigger"].sort() };
    const engine = createEngine(custom, "vectorscan");
    const t = "x ZZ-CUSTOM-TRIGGER ghp_ y";
    expect(list(engine.scan(t).keywords)).toEqual(list(createEngine(custom, "js").scan(t).keywords));
  });
});
