import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { loadRules } from "../../src/rules/load.js";
import { captureGroups } from "../../src/rules/compile.js";
import { buildPrefilter } from "../../src/detectors/keyword-prefilter.js";
import type { CompiledRule } from "../../src/model/rule.js";
import { parseKeyword } from "../../src/rules/keywords.js";
import { isLineLocal, matchRule, matchRuleIn } from "../../src/rules/match.js";

// Long texts run line-local rules only on the lines around their keywords: the matches must be
// exactly those of the whole-text regex, wherever the examples and keywords fall.
const rules = loadRules();
const FILLER = ["const value = await client.fetch(query, 42);", "", "  status: ok", "# notes about the service", "x".repeat(300), "key", "token = 'abc'"];

/** A rule's matches as the regex detector finds them: in the windows of the one keyword pass. */
function windowedMatcher(rule: CompiledRule): (text: string) => ReturnType<typeof matchRule> {
  const prefilter = buildPrefilter([rule]);
  return (text) => {
    const hits = prefilter.scan(text);
    return hits.rules.includes(rule) ? matchRuleIn(rule, text, hits.windowsOf(rule)) : [];
  };
}

describe("rules on the lines around their keywords", () => {
  test("a rule reads the whole text when it can match away from its keywords", () => {
    const multiline = rules.filter((r) => !isLineLocal(r)).map((r) => r.spec.id);
    expect(multiline).toContain("maven-settings-server-password");
    expect(rules.filter((r) => isLineLocal(r)).length).toBeGreaterThan(250);
  });

  test.each(rules.filter((r) => isLineLocal(r)).map((r) => [r.spec.id, r] as const))("%s: same matches as the whole text", (_id, rule) => {
    const samples = [...rule.spec.examples.map((e) => e.input), ...rule.spec.negativeExamples, ...rule.spec.keywords.map((k) => parseKeyword(k).literal)];
    const nearKeywords = windowedMatcher(rule);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...samples), fc.constantFrom(...FILLER)), { minLength: 1, maxLength: 40 }),
        fc.constantFrom("\n", "\r\n", " "),
        (lines, separator) => {
          const text = lines.join(separator);
          expect(nearKeywords(text)).toEqual(matchRule(rule, text));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("capture groups counted from the pattern text", () => {
  test("agrees with the regex engine on every builtin rule and on tricky patterns", () => {
    const patterns = [...rules.map((r) => r.spec.pattern), "a(b)c", "\\(x\\)(y)", "[(](z)", "(?:a)(?<n>b)(?=c)(?!d)(?<=e)(?<!f)", "[\\]()](g)", "((a)(b))"];
    for (const pattern of patterns) {
      const engine = (new RegExp(`${pattern}|`).exec("")?.length ?? 1) - 1;
      expect([pattern, captureGroups(pattern)]).toEqual([pattern, engine]);
    }
  });
});
