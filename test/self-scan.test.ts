import path from "node:path";
import { expect, test } from "vitest";
import { scan } from "../src/index.js";

test("the repository scans itself clean with its own config (dogfooding)", async () => {
  const root = path.resolve(import.meta.dirname, "..");
  const report = await scan({ paths: [root] });
  const found = report.items.map((i) => `${i.ruleIds[0]} ${i.locations.map((l) => `${l.path}:${l.line}`).join(", ")}`);
  expect(found).toEqual([]);
  expect(report.stats.files).toBeGreaterThan(50);
});
