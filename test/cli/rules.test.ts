import { describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { writeTree } from "../helpers/tree.js";

const goodRule = `rules:
  - id: acme-widget-key
    name: Acme widget key
    provider: acme
    kind: api-key
    pattern: '\\b(acmw_[a-z0-9]{24})\\b'
    keywords: [acmw_]
    references: [https://acme.example/docs/keys]
    examples: ['key = acmw_k3j9x0q2m8v7b1n5c4z6l0p2', 'ACME=acmw_q8w7e6r5t4y3u2i1o0p9a8s7']
    negativeExamples: ['acmw_short', 'acmw_K3J9X0Q2M8V7B1N5C4Z6L0P2']
`;

describe("nhiscan rules", () => {
  test("list --format json lists the builtin rules", async () => {
    const { exitCode, stdout } = await runCli(["rules", "list", "--format", "json"]);
    expect(exitCode).toBe(0);
    const rules = JSON.parse(stdout) as { id: string; provider: string }[];
    expect(rules.length).toBeGreaterThan(1);
    expect(rules.map((r) => r.id)).toContain("github-classic-pat");
  });

  test("check passes the builtin rules", async () => {
    const { exitCode, stdout } = await runCli(["rules", "check"]);
    expect(stdout).toMatch(/0 problem\(s\)/);
    expect(exitCode).toBe(0);
  });

  test("check accepts a good custom rule folder", async () => {
    const dir = writeTree({ "acme.yaml": goodRule });
    const { exitCode, stdout } = await runCli(["rules", "check", dir]);
    expect(stdout).toContain("1 rules checked (0 from the provider catalogue (0 providers), 1 distinct providers in all), 0 problem(s)");
    expect(exitCode).toBe(0);
  });

  test.each([
    ["a missing key", goodRule.replace("    kind: api-key\n", ""), /rule `acme-widget-key`: kind: /],
    ["a bad kind", goodRule.replace("kind: api-key", "kind: apikey"), /rule `acme-widget-key`: kind: .*expected one of/],
    ["two capture groups", goodRule.replace("(acmw_[a-z0-9]{24})", "(acmw_)([a-z0-9]{24})"), /expected exactly one capture group/],
    ["an invalid regex", goodRule.replace("(acmw_[a-z0-9]{24})", "(acmw_[a-z0-9"), /pattern: expected a valid JavaScript regex/],
    ["too few negatives", goodRule.replace(", 'acmw_K3J9X0Q2M8V7B1N5C4Z6L0P2'", ""), /negativeExamples: expected at least 2/],
    ["invalid YAML", "rules: [\n", /expected a YAML rule file/],
    ["a nested quantifier", goodRule.replace("(acmw_[a-z0-9]{24})", "(acmw_(?:[a-z0-9]+)+)"), /pattern: expected a linear-time regex, found nested quantifier/],
    [
      "an overlapping alternation",
      goodRule.replace("(acmw_[a-z0-9]{24})", "(acmw_(?:a|ab)*[0-9]{24})"),
      /pattern: expected a linear-time regex, found overlapping alternation/,
    ],
  ])("a rule file with %s exits 2 naming the file, rule and key", async (_name, text, message) => {
    const dir = writeTree({ "acme.yaml": text });
    const { exitCode, stderr } = await runCli(["rules", "check", dir]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain("acme.yaml");
    expect(stderr).toMatch(message);
  });

  test.each([
    ["an example that does not match", goodRule.replace("acmw_q8w7e6r5t4y3u2i1o0p9a8s7", "acmw_q8w7"), /examples\[1\]: expected exactly one match, found 0/],
    ["a negative that matches", goodRule.replace("'acmw_short'", "'acmw_aaaabbbbccccddddeeeeffff'"), /negativeExamples\[0\]: expected no match/],
  ])("a rule with %s fails the check with exit 1", async (_name, text, message) => {
    const dir = writeTree({ "acme.yaml": text });
    const { exitCode, stderr } = await runCli(["rules", "check", dir]);
    expect(stderr).toMatch(message);
    expect(exitCode).toBe(1);
  });

  // A catalogue entry (random hex values) in a rule folder's catalogue/ sub-folder.
  const catalogue = `providers:
  - provider: acme-widgets
    name: Acme Widgets API key
    kind: api-key
    keywords: [acmewidgets, acme_widgets]
    shape: { alphabet: hex, length: 32 }
    docs: https://acme.example/docs/keys
    examples: ['ACME_WIDGETS_KEY=5b0e9f13c2d84a76e1f09b3c7d25a48e']
    counterExamples: ['ACME_WIDGETS_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'ACME_WIDGETS_KEY=your-key']
`;

  test("check verifies a folder's catalogue entries and counts them", async () => {
    const dir = writeTree({ "acme.yaml": goodRule, "catalogue/widgets.yaml": catalogue });
    const { exitCode, stdout } = await runCli(["rules", "check", dir]);
    expect(stdout).toContain("2 rules checked (1 from the provider catalogue (1 providers), 2 distinct providers in all), 0 problem(s)");
    expect(exitCode).toBe(0);
  });

  test("check fails a catalogue counter-example that would be reported, and rejects a common-word keyword", async () => {
    const leaky = writeTree({ "catalogue/widgets.yaml": catalogue.replace("ACME_WIDGETS_KEY=your-key", "ACME_WIDGETS_KEY=e3c91a0d7f4b28c65d90e1b7a3f4c826") });
    const failed = await runCli(["rules", "check", leaky]);
    expect(failed.stderr).toMatch(/rule `acme-widgets-api-key`: counterExamples\[1\]: expected no match, found 1/);
    expect(failed.exitCode).toBe(1);
    const common = writeTree({ "catalogue/widgets.yaml": catalogue.replace("[acmewidgets, acme_widgets]", "[acmewidgets, token]") });
    const rejected = await runCli(["rules", "check", common]);
    expect(rejected.stderr).toMatch(/widgets\.yaml: entry #1 \(`acme-widgets`\): keywords\[1\]: expected a provider-specific keyword, not a common word/);
    expect(rejected.exitCode).toBe(2);
  });

  test("list counts the builtin catalogue and the distinct providers", async () => {
    const { exitCode, stdout } = await runCli(["rules", "list"]);
    expect(stdout).toMatch(/\d+ from the provider catalogue \(\d+ providers\), \d+ distinct providers in all/);
    expect(exitCode).toBe(0);
  });
});
