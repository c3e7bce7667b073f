import { cpSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
// @ts-expect-error -- the bench's corpus generator is plain JS without types.
import { generateCorpus } from "../../bench/accuracy/generate.js";
// @ts-expect-error -- the bench's tree generator is plain JS without types.
import { generateTree } from "../../bench/generate-tree.js";
import { scan, type ScanOptions } from "../../src/api/scan.js";
import { loadVectorscan } from "../../src/engine/vectorscan-addon.js";
import type { ScanReport } from "../../src/model/report.js";
import { loadBuiltinRules } from "../../src/rules/load.js";
import { tempDir } from "../helpers/cli.js";
import { createRepo } from "../helpers/git-repo.js";

// The two match engines must give the same report, finding for finding and suppression for
// suppression: on the hand-written real-world corpus, the bench:accuracy corpus, a generated tree
// (with worker threads) and a git history.
const load = loadVectorscan();
const title = load.addon !== undefined ? "js and vectorscan engines" : `js and vectorscan engines (skipped: ${load.reason})`;
const REALWORLD = path.resolve(import.meta.dirname, "..", "..", "fixtures", "realworld");

/** Everything but timing. */
function comparable(report: ScanReport) {
  const { scannedAt: _at, stats, ...rest } = report;
  const { durationMs: _ms, ...counts } = stats;
  return { ...rest, stats: counts };
}

async function bothEngines(options: ScanOptions): Promise<[ReturnType<typeof comparable>, ReturnType<typeof comparable>]> {
  const base = { failOn: ["none"], now: new Date("2026-06-01T00:00:00Z"), showSecrets: true, ...options };
  const [js, vectorscan] = await Promise.all([scan({ ...base, engine: "js" }), scan({ ...base, engine: "vectorscan" })]);
  return [comparable(js), comparable(vectorscan)];
}

describe.skipIf(load.addon === undefined)(title, () => {
  test("fixtures/realworld", { timeout: 120_000 }, async () => {
    const [js, vectorscan] = await bothEngines({ paths: [REALWORLD], workers: 0 });
    expect(js.items.length).toBeGreaterThan(200);
    expect(vectorscan).toEqual(js);
  });

  test("the bench:accuracy corpus (seed 1)", { timeout: 120_000 }, async () => {
    const dir = path.join(tempDir("nhiscan-accuracy-"), "corpus");
    generateCorpus(dir, loadBuiltinRules(), 1);
    const [js, vectorscan] = await bothEngines({ paths: [dir], workers: 0 });
    expect(js.items.length).toBeGreaterThan(500);
    expect(vectorscan).toEqual(js);
  });

  test("a generated tree, on worker threads", { timeout: 120_000 }, async () => {
    const { dir } = generateTree(tempDir("nhiscan-engines-"), 8, 21) as { dir: string };
    const [js, vectorscan] = await bothEngines({ paths: [dir], workers: 2 });
    expect(js.stats.files).toBeGreaterThan(300);
    expect(vectorscan).toEqual(js);
  });

  test("the history of a repository, line dedupe included", { timeout: 120_000 }, async () => {
    const repo = await createRepo();
    const who = { name: "Dev", email: "dev@example.com", date: "2026-01-01T00:00:00Z" };
    const files = readdirSync(REALWORLD, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    cpSync(REALWORLD, repo.dir, { recursive: true });
    await repo.commit("corpus", who);
    // A second version of every file, one line added: history dedupe scans only what is new.
    for (const entry of files) {
      const file = path.join(repo.dir, path.relative(REALWORLD, path.join(entry.parentPath, entry.name)));
      writeFileSync(file, `${readFileSync(file, "utf8")}\nextra = "line"\n`);
    }
    await repo.commit("second version", { ...who, date: "2026-02-01T00:00:00Z" });
    // On this thread: with workers, which blob of a repeated line a history scan reports depends on timing.
    const [js, vectorscan] = await bothEngines({ paths: [repo.dir], history: true, workers: 0 });
    expect(js.items.length).toBeGreaterThan(200);
    expect(vectorscan).toEqual(js);
  });
});
