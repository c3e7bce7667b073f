import path from "node:path";
import { describe, expect, test } from "vitest";
import { scan } from "../../src/api/scan.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { writeTree } from "../helpers/tree.js";

const ENDLESS = path.resolve(import.meta.dirname, "..", "..", "fixtures", "plugins", "endless-loop.mjs");
// Short, but far above what the ordinary files take even on a loaded machine (the first file of a
// fresh scanner pays its warm-up).
const LIMIT_MS = 2000;

describe("one watchdog for all detection", () => {
  // A 2-file scan runs on the calling thread (no worker starts for it): before, the loop hung it.
  test.each([
    ["default (small scans stay on this thread)", undefined],
    ["--workers 0", 0],
  ])(
    "a plugin whose detect() never returns: the file is skipped as timeout and the scan finishes (%s)",
    async (_label, workers) => {
      const token = fakeSecrets(2105).githubClassicPat();
      const root = writeTree({ "stuck.txt": "spin-forever\n", "app.env": `GITHUB_TOKEN=${token}\n` });
      const report = await scan({ paths: [root], plugins: [ENDLESS], fileTimeoutMs: LIMIT_MS, ...(workers === undefined ? {} : { workers }) });
      expect(report.stats.skipped.timeout).toBe(1);
      expect(report.warnings).toContainEqual({ path: "stuck.txt", reason: "timeout", detail: `detection took longer than ${LIMIT_MS} ms` });
      expect(report.items.flatMap((i) => i.locations.map((l) => l.path))).toEqual(["app.env"]);
      expect(report.stats.files).toBe(1);
    },
    20_000,
  );

  test("after a timeout the thread's scanner is rebuilt and later files are scanned as usual", async () => {
    const fake = fakeSecrets(2106);
    const files: Record<string, string> = { "a-stuck.txt": "spin-forever\n" };
    for (let i = 0; i < 5; i++) files[`f${i}.env`] = `GITHUB_TOKEN=${fake.githubClassicPat()}\n`;
    const report = await scan({ paths: [writeTree(files)], plugins: [ENDLESS], fileTimeoutMs: LIMIT_MS, workers: 0 });
    expect(report.stats.skipped.timeout).toBe(1);
    expect(report.items).toHaveLength(5);
  }, 20_000);
});
