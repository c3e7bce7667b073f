import { expect, test } from "vitest";
import { scan } from "../../src/api/scan.js";
import { loadRules } from "../../src/rules/load.js";
import { writeTree } from "../helpers/tree.js";

// The catalogue through the whole scanner, as a user meets it: every example line in one
// plain-text file must be reported with exactly its secret, and no catalogue rule may report
// anything on the counter-example lines (wrong shapes, placeholders, documented samples).
const catalogue = loadRules().filter((r) => r.spec.catalogue === true);
const examples = catalogue.flatMap((rule) => rule.spec.examples.map((e) => ({ id: rule.spec.id, input: e.input, secret: e.secret ?? "" })));
const counters = catalogue.flatMap((rule) => rule.spec.negativeExamples.map((input) => ({ id: rule.spec.id, input })));

test("every catalogue example is reported with its secret, no counter-example by a catalogue rule", async () => {
  expect(examples.length).toBeGreaterThan(catalogue.length);
  const dir = writeTree({
    "deploy/lines.txt": `${examples.map((e) => e.input).join("\n")}\n`,
    "deploy/near-misses.txt": `${counters.map((c) => c.input).join("\n")}\n`,
  });
  const report = await scan({ paths: [dir], workers: 0, showSecrets: true, baseline: false });
  const locations = report.items.flatMap((item) => item.locations);
  const at = (file: string, line: number) => locations.filter((l) => l.path === `deploy/${file}` && l.line === line);
  const missed = examples.filter((e, i) => !at("lines.txt", i + 1).some((l) => l.secret === e.secret)).map((e) => `${e.id}: ${e.input}`);
  expect(missed).toEqual([]);
  const catalogueIds = new Set(catalogue.map((r) => r.spec.id));
  const flagged = counters.filter((_c, i) => at("near-misses.txt", i + 1).some((l) => catalogueIds.has(l.ruleId))).map((c) => `${c.id}: ${c.input}`);
  expect(flagged).toEqual([]);
});
