import { describe, expect, test } from "vitest";
import { RuleError } from "../../src/model/errors.js";
import type { CompiledRule } from "../../src/model/rule.js";
import { checkRule } from "../../src/rules/check.js";
import { classSize } from "../../src/rules/catalogue.js";
import { loadCatalogueFile, loadRuleDir } from "../../src/rules/load.js";
import { matchRule } from "../../src/rules/match.js";
import { ruleCandidate } from "../../src/detectors/rule-candidate.js";
import { valueDropReason } from "../../src/scan/value-drop.js";
import { writeTree } from "../helpers/tree.js";

// Values below are random (node:crypto), format-valid for their made-up provider.
const good = `providers:
  - provider: acme-widgets
    name: Acme Widgets API key
    kind: api-key
    keywords: [acmewidgets, acme_widgets]
    shape: { alphabet: hex, length: 32 }
    docs: https://acme.example/docs/keys
    examples:
      - 'ACME_WIDGETS_KEY=5b0e9f13c2d84a76e1f09b3c7d25a48e'
      - '  "acmeWidgetsApiKey": "e3c91a0d7f4b28c65d90e1b7a3f4c826",'
    counterExamples:
      - 'ACME_WIDGETS_KEY=5b0e9f13c2d84a76e1f09b3c7d25a48e77'
      - 'ACME_WIDGETS_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'
`;

function loadOne(text: string): CompiledRule {
  const dir = writeTree({ "catalogue/acme.yaml": text });
  const rules = loadRuleDir(dir);
  expect(rules).toHaveLength(1);
  const [rule] = rules;
  if (rule === undefined) throw new Error("no rule");
  return rule;
}

function loadError(text: string): string {
  const dir = writeTree({ "acme.yaml": text });
  try {
    loadCatalogueFile(`${dir}/acme.yaml`);
  } catch (error) {
    expect(error).toBeInstanceOf(RuleError);
    return (error as Error).message;
  }
  throw new Error("expected the catalogue file to be rejected");
}

const drop = (rule: CompiledRule, match: Parameters<typeof ruleCandidate>[1]) => valueDropReason(ruleCandidate(rule, match));

describe("provider catalogue compiler", () => {
  test("an entry without a distinctive prefix compiles to a line-local keyword-proximity rule", () => {
    const rule = loadOne(good);
    expect(rule.spec).toMatchObject({ id: "acme-widgets-api-key", provider: "acme-widgets", catalogue: true, confidence: "medium", severity: "medium" });
    expect(rule.keywords).toEqual(["acmewidgets", "acme_widgets"]);
    expect(rule.spec.pattern).not.toMatch(/\\s/);
    expect(rule.spec.examples[0]?.secret).toBe("5b0e9f13c2d84a76e1f09b3c7d25a48e");
    expect(checkRule(rule, drop)).toEqual([]);
  });

  test.each([
    ["in any case of the keyword", "const key = AcmeWidgets.connect('5b0e9f13c2d84a76e1f09b3c7d25a48e')", 1],
    ["behind a flag", "acme_widgets --key 5b0e9f13c2d84a76e1f09b3c7d25a48e", 1],
    ["in a header", 'curl -H "X-AcmeWidgets-Key: 5b0e9f13c2d84a76e1f09b3c7d25a48e" https://acme.example', 1],
    ["not on the next line", "ACME_WIDGETS_KEY=\n5b0e9f13c2d84a76e1f09b3c7d25a48e", 0],
    ["within 60 characters (a URL's host to its key parameter)", `acmewidgets ${"z".repeat(45)} = 5b0e9f13c2d84a76e1f09b3c7d25a48e`, 1],
    ["not more than 60 characters away", `acmewidgets ${"z".repeat(65)} = 5b0e9f13c2d84a76e1f09b3c7d25a48e`, 0],
    ["not in the wrong case of its alphabet", "ACME_WIDGETS_KEY=5B0E9F13C2D84A76E1F09B3C7D25A48E", 0],
    ["not inside a longer word", "ACME_WIDGETS_KEY=q5b0e9f13c2d84a76e1f09b3c7d25a48e", 0],
    ["not glued to the keyword", "acmewidgets5b0e9f13c2d84a76e1f09b3c7d25a48e", 0],
  ])("the proximity rule matches %s", (_name, line, count) => {
    expect(matchRule(loadOne(good), line)).toHaveLength(count);
  });

  test("a prefix of 4+ characters compiles to an exact rule keyed on the prefix, any keyword aside", () => {
    const rule = loadOne(
      good
        .replace("{ alphabet: hex, length: 32 }", "{ prefix: 'acw_live_', alphabet: alnum, length: 30 }")
        .replace("ACME_WIDGETS_KEY=5b0e9f13c2d84a76e1f09b3c7d25a48e'", "WIDGET=acw_live_Qm3t8ZrX0bLk5VnYc2HwJ9dPa7GsE4'")
        .replace('"e3c91a0d7f4b28c65d90e1b7a3f4c826"', '"acw_live_T6uRb1NxK8eMq3WzL0fVj5YoC9hDs2"'),
    );
    expect(rule.spec).toMatchObject({ confidence: "high", keywords: ["acw_live_"] });
    expect(rule.spec.examples[0]?.secret).toBe("acw_live_Qm3t8ZrX0bLk5VnYc2HwJ9dPa7GsE4");
    expect(matchRule(rule, "x = acw_live_Qm3t8ZrX0bLk5VnYc2HwJ9dPa7GsE4")).toHaveLength(1);
    expect(matchRule(rule, "x = acw_live_Qm3t8ZrX0bLk5VnYc2HwJ9dPa7GsE4A")).toHaveLength(0);
    expect(checkRule(rule, drop)).toEqual([]);
  });

  test("match: proximity keeps a shared prefix behind the keywords; base64 takes its padding, uuid its form", () => {
    const rule = loadOne(
      good
        .replace("{ alphabet: hex, length: 32 }", "{ prefix: 'sk_live_', alphabet: base64, length: 22 }\n    match: proximity")
        .replace("ACME_WIDGETS_KEY=5b0e9f13c2d84a76e1f09b3c7d25a48e'", "ACME_WIDGETS_KEY=sk_live_u7R+q2Lm9Xc/Ty4bN0vWe1==' ")
        .replace('"e3c91a0d7f4b28c65d90e1b7a3f4c826"', '"sk_live_Hd5kP8sZ3jQ+oF6gA1cV2r"'),
    );
    expect(rule.spec.examples[0]?.secret).toBe("sk_live_u7R+q2Lm9Xc/Ty4bN0vWe1==");
    expect(matchRule(rule, "STRIPE_KEY=sk_live_u7R+q2Lm9Xc/Ty4bN0vWe1==")).toHaveLength(0);
    const uuid = loadOne(
      good
        .replace("{ alphabet: hex, length: 32 }", "{ alphabet: uuid }")
        .replace(/5b0e9f13c2d84a76e1f09b3c7d25a48e'/, "0b4c8a57-3f3e-4d1b-9a0c-6e2f7d81c5a9'")
        .replace('"e3c91a0d7f4b28c65d90e1b7a3f4c826"', '"d9e2b7c4-51af-4e08-b3c6-7a1f0e95d248"'),
    );
    expect(uuid.spec.examples.map((e) => e.secret)).toEqual(["0b4c8a57-3f3e-4d1b-9a0c-6e2f7d81c5a9", "d9e2b7c4-51af-4e08-b3c6-7a1f0e95d248"]);
  });

  test("rules check names a counter-example that is reported and an example the value model drops", () => {
    const rule = loadOne(
      good
        .replace("'ACME_WIDGETS_KEY=5b0e9f13c2d84a76e1f09b3c7d25a48e77'", "'ACME_WIDGETS_KEY=9d1f7a3e5c0b84e2f6a19c7d3b5e0a48'")
        .replace("5b0e9f13c2d84a76e1f09b3c7d25a48e'", "ab0123456789cdef5b0e9f13c2d84a76'"),
    );
    expect(checkRule(rule, drop).map((p) => p.message)).toEqual([
      "examples[0]: expected a value the scan reports, the value model drops it (placeholder)",
      "counterExamples[0]: expected no match, found 1",
    ]);
  });

  test.each([
    [
      "a keyword under 4 characters",
      good.replace("[acmewidgets, acme_widgets]", "[acmewidgets, acm]"),
      /entry #1 \(`acme-widgets`\): keywords\[1\]: expected a keyword of at least 4 characters/,
    ],
    [
      "a common-word keyword",
      good.replace("[acmewidgets, acme_widgets]", "[acmewidgets, secret]"),
      /keywords\[1\]: expected a provider-specific keyword, not a common word/,
    ],
    ["an upper-case keyword", good.replace("[acmewidgets, acme_widgets]", "[AcmeWidgets]"), /keywords\[0\]: expected a lower-case literal/],
    [
      "no keyword and no prefix",
      good.replace("    keywords: [acmewidgets, acme_widgets]\n", ""),
      /keywords: expected at least one keyword for a proximity rule/,
    ],
    ["no counter-example", good.replace(/ {4}counterExamples:\n(?: {6}-.*\n)+/, ""), /counterExamples: Invalid input: expected array/],
    [
      "an empty counter-example list",
      good.replace(/ {4}counterExamples:\n(?: {6}-.*\n)+/, "    counterExamples: []\n"),
      /counterExamples: expected at least one counter-example/,
    ],
    ["an unknown key", good.replace("kind: api-key", "kind: api-key\n    regex: abc"), /Unrecognized key.*regex/],
    ["a kind outside the catalogue's", good.replace("kind: api-key", "kind: private-key"), /kind: .*expected one of/],
    [
      "both alphabet and class",
      good.replace("{ alphabet: hex, length: 32 }", "{ alphabet: hex, class: '[a-z]', length: 32 }"),
      /shape: expected exactly one of `alphabet` or `class`/,
    ],
    [
      "a negated class",
      good.replace("{ alphabet: hex, length: 32 }", "{ class: '[^a-z]', length: 32 }"),
      /shape.class: expected one non-negated regex character class/,
    ],
    ["no length", good.replace("{ alphabet: hex, length: 32 }", "{ alphabet: hex }"), /shape: expected a `length`/],
    ["a reversed length range", good.replace("length: 32", "length: [40, 32]"), /shape.length.*expected \[min, max\] with min < max/],
    ["a guessable shape", good.replace("{ alphabet: hex, length: 32 }", "{ alphabet: digits, length: 10 }"), /shape: expected a value of at least 64 bits/],
    [
      "an exact match with a short prefix",
      good.replace("{ alphabet: hex, length: 32 }", "{ prefix: 'ak_', alphabet: hex, length: 32 }\n    match: exact"),
      /match: expected a shape.prefix of at least 4 characters/,
    ],
    [
      "an exact match on a shared prefix",
      good.replace("{ alphabet: hex, length: 32 }", "{ prefix: 'sk_live_', alphabet: hex, length: 32 }"),
      /shape.prefix: expected a provider-specific prefix for an exact rule, `sk_live_` is shared/,
    ],
    [
      "an id without its provider",
      good.replace("kind: api-key", "kind: api-key\n    id: widgets-key"),
      /id: expected an id starting with the provider, `acme-widgets-`/,
    ],
    [
      "an example with two values of the shape",
      good.replace(
        "'ACME_WIDGETS_KEY=5b0e9f13c2d84a76e1f09b3c7d25a48e'",
        "'ACME_WIDGETS_KEY=5b0e9f13c2d84a76e1f09b3c7d25a48e,e3c91a0d7f4b28c65d90e1b7a3f4c826'",
      ),
      /examples\[0\]: expected exactly one value of the shape in the example, found 2/,
    ],
    [
      "a docs value that is no URL",
      good.replace("docs: https://acme.example/docs/keys", "docs: see the website"),
      /docs: expected the provider's documentation URL/,
    ],
    ["no providers list", "rules: []\n", /providers: Invalid input: expected array/],
  ])("an entry with %s is rejected naming the file, entry and key", (_name, text, message) => {
    const error = loadError(text);
    expect(error).toContain("acme.yaml");
    expect(error).toMatch(message);
  });

  test("an example naming its secret may hold other values of the shape", () => {
    const rule = loadOne(
      good.replace(
        "'ACME_WIDGETS_KEY=5b0e9f13c2d84a76e1f09b3c7d25a48e'",
        "{ input: 'acme_widgets: { key: 5b0e9f13c2d84a76e1f09b3c7d25a48e, region: e3c91a0d7f4b28c65d90e1b7a3f4c826 }', secret: 5b0e9f13c2d84a76e1f09b3c7d25a48e }",
      ),
    );
    expect(checkRule(rule, drop)).toEqual([]);
  });

  test("class sizes count ranges and single characters", () => {
    expect(classSize("[A-Za-z0-9_-]")).toBe(64);
    expect(classSize("[0-9a-f]")).toBe(16);
    expect(classSize("[A-Z2-7]")).toBe(32);
  });
});
