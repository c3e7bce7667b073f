import { describe, expect, test } from "vitest";
// @ts-expect-error -- the bench's tree generator is plain JS without types.
import { generateTree } from "../../bench/generate-tree.js";
import { scan } from "../../src/api/scan.js";
import type { ScanReport } from "../../src/model/report.js";
import { tempDir } from "../helpers/cli.js";

/** What must not depend on how the scan was spread over threads: everything but timing. */
function comparable(report: ScanReport) {
  const { scannedAt: _at, stats, ...rest } = report;
  const { durationMs: _ms, ...counts } = stats;
  return { ...rest, stats: counts };
}

describe("the number of detection workers does not change the report", () => {
  // ~8 MB, ~330 files with planted fake credentials: past the inline threshold, several batches.
  const { dir } = generateTree(tempDir("nhiscan-workers-"), 8, 13) as { dir: string };

  test("0, 1 and 2 workers give the same report", { timeout: 60_000 }, async () => {
    const options = { paths: [dir], failOn: ["none"], now: new Date("2026-01-01T00:00:00Z") };
    const [none, one, two] = await Promise.all([0, 1, 2].map((workers) => scan({ ...options, workers })));
    expect(none?.stats.files).toBeGreaterThan(300);
    expect(none?.items.length).toBeGreaterThan(5);
    expect(comparable(one!)).toEqual(comparable(none!));
    expect(comparable(two!)).toEqual(comparable(none!));
  });
});
