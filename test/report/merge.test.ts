import { describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import { mergeReports, parseReport } from "../../src/report/merge.js";
import { fixtureReport } from "../helpers/report-fixture.js";

const context = { policy: { maxAgeDays: 90, activeAuthorDays: 180, certWarnDays: 30, failOn: ["finding"] }, now: new Date("2025-01-16T00:00:00Z") };
const options = { context, failOn: ["finding"], version: "9.9.9" };

describe("mergeReports", () => {
  test("the same credential in two reports is one item with every location, tagged, failing `shared`", () => {
    const a = fixtureReport();
    const merged = mergeReports(
      [
        { label: "repo-a", report: a },
        { label: "repo-b", report: fixtureReport() },
      ],
      options,
    );
    expect(merged.items).toHaveLength(a.items.length);
    expect(merged.targets).toEqual(["repo-a", "repo-b"]);
    const webhook = merged.items.find((i) => i.provider === "slack");
    expect(webhook?.locations.map((l) => `${l.repository}:${l.path}`)).toEqual(["repo-a:scripts/notify.sh", "repo-b:scripts/notify.sh"]);
    expect(webhook?.checks.find((c) => c.checkId === "shared")).toMatchObject({
      status: "fail",
      message: "same value in 2 repositories (repo-a, repo-b) at 2 locations",
    });
    expect(merged.stats.files).toBe(2 * a.stats.files);
    expect(merged.stats.suppressed).toEqual({ placeholder: 6, "inline-allow": 2 });
    expect(merged.warnings.map((w) => w.repository)).toEqual(["repo-a", "repo-a", "repo-b", "repo-b"]);
    expect(merged.tool.version).toBe("9.9.9");
    expect(merged.policy.failed).toBe(true);
  });

  test("a single report keeps its targets and gets no repository tags", () => {
    const merged = mergeReports([{ label: "only", report: fixtureReport() }], options);
    expect(merged.targets).toEqual(["."]);
    expect(merged.items.flatMap((i) => i.locations).every((l) => l.repository === undefined)).toBe(true);
  });

  test("locations already tagged (a multi-repository scan) keep their tags", () => {
    const report = fixtureReport();
    const tagged: ScanReport = { ...report, items: report.items.map((i) => ({ ...i, locations: i.locations.map((l) => ({ ...l, repository: "inner" })) })) };
    const merged = mergeReports(
      [
        { label: "shard-1", report: tagged },
        { label: "shard-2", report: fixtureReport() },
      ],
      options,
    );
    expect(new Set(merged.items.flatMap((i) => i.locations.map((l) => l.repository)))).toEqual(new Set(["inner", "shard-2"]));
  });

  test("rotated history-only items do not fail the merged policy", () => {
    const report = fixtureReport();
    const onlyRotated = { ...report, items: report.items.filter((i) => i.baseline !== undefined) };
    expect(mergeReports([{ label: "x", report: onlyRotated }], options).policy.failed).toBe(false);
  });
});

describe("parseReport", () => {
  test("accepts a report and keeps fields it does not know", () => {
    const report = { ...fixtureReport(), futureField: { a: 1 } };
    expect(parseReport(JSON.stringify(report), "r.json")).toMatchObject({ futureField: { a: 1 } });
  });

  test.each([
    ["not JSON", "nope", /r\.json: expected a JSON report/],
    ["another version", JSON.stringify({ ...fixtureReport(), schemaVersion: 2 }), /r\.json: not an nhiscan JSON report: schemaVersion: expected 1/],
    ["a bad grade", JSON.stringify({ ...fixtureReport(), items: [{ ...fixtureReport().items[0], grade: "Z" }] }), /items\[0\]\.grade/],
    [
      "a location without a line",
      JSON.stringify({ ...fixtureReport(), items: [{ ...fixtureReport().items[0], locations: [{ path: "a" }] }] }),
      /items\[0\]\.locations\[0\]/,
    ],
  ])("rejects %s, naming the file and the key", (_name, text, message) => {
    expect(() => parseReport(text, "r.json")).toThrow(message);
  });
});
