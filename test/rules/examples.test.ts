import { describe, expect, test } from "vitest";
import { checkRule } from "../../src/rules/check.js";
import { loadRules } from "../../src/rules/load.js";
import { matchRule } from "../../src/rules/match.js";

const rules = loadRules();

describe("builtin rules", () => {
  test("there are many, with unique ids", () => {
    const ids = rules.map((r) => r.spec.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(2);
  });

  describe.each(rules.map((r) => [r.spec.id, r] as const))("%s", (_id, rule) => {
    test.each(rule.spec.examples.map((e, i) => [i, e] as const))("example %i matches once", (_i, example) => {
      const matches = matchRule(rule, example.input);
      expect(matches).toHaveLength(1);
      if (example.secret !== undefined) expect(matches[0]?.secret).toBe(example.secret);
    });
    test.each(rule.spec.negativeExamples.map((n, i) => [i, n] as const))("negative %i does not match", (_i, negative) => {
      expect(matchRule(rule, negative)).toHaveLength(0);
    });
    test("passes the self-check (keywords, linear regex)", () => {
      expect(checkRule(rule)).toEqual([]);
    });
  });
});
