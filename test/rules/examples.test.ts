import { describe, expect, test } from "vitest";
import { ruleCandidate } from "../../src/detectors/rule-candidate.js";
import type { CompiledRule } from "../../src/model/rule.js";
import { checkRule } from "../../src/rules/check.js";
import { loadRules } from "../../src/rules/load.js";
import { matchRule } from "../../src/rules/match.js";
import type { RuleMatch } from "../../src/rules/match.js";
import { valueDropReason } from "../../src/scan/value-drop.js";

const rules = loadRules();
const drop = (rule: CompiledRule, match: RuleMatch) => valueDropReason(ruleCandidate(rule, match));

describe("builtin rules", () => {
  test("there are many, with unique ids", () => {
    const ids = rules.map((r) => r.spec.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(2);
  });

  test("catalogue entries name providers that no rule file covers", () => {
    const fromFiles = new Set(rules.filter((r) => r.spec.catalogue !== true).map((r) => r.spec.provider));
    expect(rules.filter((r) => r.spec.catalogue === true && fromFiles.has(r.spec.provider)).map((r) => r.spec.id)).toEqual([]);
  });

  // Catalogue rules (rules/catalogue) are covered here too: their examples and counter-examples.
  describe.each(rules.map((r) => [r.spec.id, r] as const))("%s", (_id, rule) => {
    test.each(rule.spec.examples.map((e, i) => [i, e] as const))("example %i matches once", (_i, example) => {
      const matches = matchRule(rule, example.input);
      expect(matches).toHaveLength(1);
      if (example.secret !== undefined) expect(matches[0]?.secret).toBe(example.secret);
    });
    // A catalogue counter-example may be a placeholder of the right shape, which the value model drops.
    test.each(rule.spec.negativeExamples.map((n, i) => [i, n] as const))("negative %i does not match", (_i, negative) => {
      const reported = matchRule(rule, negative).filter((m) => rule.spec.catalogue !== true || drop(rule, m) === undefined);
      expect(reported).toHaveLength(0);
    });
    test("passes the self-check (keywords, linear regex, value model)", () => {
      expect(checkRule(rule, drop)).toEqual([]);
    });
  });
});
