import { describe, expect, test } from "vitest";
import { buildPrefilter } from "../../src/detectors/keyword-prefilter.js";
import { weakKeyword } from "../../src/rules/check.js";
import { compileRule } from "../../src/rules/compile.js";
import { keywordOccursIn } from "../../src/rules/keywords.js";
import { ruleSchemas } from "../../src/rules/schema.js";

const rule = (keywords: string[]) =>
  compileRule(
    ruleSchemas().rule.parse({
      id: "test-dd-key",
      name: "test",
      provider: "test",
      kind: "api-key",
      pattern: "\\bdd_api_key=([a-f0-9]{32})\\b",
      flags: "i",
      keywords,
      confidence: "high",
      severity: "high",
      nonExpiring: false,
      references: ["https://example.test/dd"],
      examples: [{ input: `DD_API_KEY=${"a".repeat(32)}` }, { input: `dd_api_key=${"b".repeat(32)}` }],
      negativeExamples: ["add_api_key=1", "dd_api_key=short"],
    }),
    "test.yaml",
  );

describe("sharp keywords", () => {
  test.each([
    ["sk", true],
    ["pat", true],
    ["st.", true],
    ["-us", true],
    ["\\bst.", false],
    ["\\bdd_", false],
    ["$1$", false],
    ["00d", false],
    ["sk_live_", false],
    ["\\bgh", true],
    ["tökén", true],
  ])("%s is weak: %s", (keyword, weak) => {
    expect(weakKeyword(keyword) !== undefined).toBe(weak);
  });

  test("a word-start keyword occurs only at the start of a word, in any case", () => {
    expect(keywordOccursIn("\\bdd_", "DD_API_KEY=1")).toBe(true);
    expect(keywordOccursIn("\\bdd_", "x = {dd_api_key: 1}")).toBe(true);
    expect(keywordOccursIn("\\bdd_", "add_item(dd)")).toBe(false);
    expect(keywordOccursIn("dd_", "add_item(dd)")).toBe(true);
  });

  test("the prefilter runs a word-start rule only where its keyword starts a word, and windows it there", () => {
    const r = rule(["\\bdd_"]);
    const prefilter = buildPrefilter([r]);
    expect(prefilter.candidates("add_item(1)\nodd_value = 2")).toEqual([]);
    const text = `add_x\n\n\nfoo\nDD_API_KEY=${"a".repeat(32)}\nbar\n\n\nodd_y`;
    const hits = prefilter.scan(text);
    expect(hits.rules).toEqual([r]);
    const windows = hits.windowsOf(r) ?? [];
    expect(windows.map(({ from, to }) => text.slice(from, to))).toEqual([`foo\nDD_API_KEY=${"a".repeat(32)}\nbar`]);
    expect(hits.positionsOf("\\bdd_")).toEqual([text.indexOf("DD_")]);
    expect(hits.positionsOf("dd_").length).toBe(3);
  });
});
