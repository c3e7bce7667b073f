// Trend x labels: a day when scans are days apart; day and UTC time when two scans share a day.
import { describe, expect, test } from "vitest";
import type { TrendReport, TrendRow } from "../../src/model/store.js";
import { formatTrend } from "../../src/report/trend.js";

const row = (at: string): TrendRow => ({
  scanId: `scan-${at}`,
  at,
  targets: ["."],
  mode: "working-tree",
  open: 1,
  new: 1,
  remediated: 0,
  reopened: 0,
  byGrade: { A: 0, B: 0, C: 0, D: 0, F: 1 },
  medianDaysToRemediate: null,
});
const trend = (ats: string[]): TrendReport => ({ store: "s.db", scans: ats.map(row), remediationByOwner: [] });
const axisLabels = (html: string) =>
  [...(/<figure id="chart-open"[\s\S]*?<\/figure>/.exec(html)?.[0] ?? "").matchAll(/<text x="[\d.]+" y="\d+" text-anchor="middle">([^<]*)<\/text>/g)].map(
    (m) => m[1],
  );

describe("trend x labels", () => {
  test("scans on different days are labelled by day", () => {
    expect(axisLabels(formatTrend(trend(["2025-01-01T03:00:00.000Z", "2025-01-02T03:00:00.000Z"]), "html"))).toEqual(["2025-01-01", "2025-01-02"]);
  });

  test("two scans on the same day are told apart by their time", () => {
    const labels = axisLabels(formatTrend(trend(["2025-01-01T03:00:00.000Z", "2025-01-01T14:30:00.000Z", "2025-01-02T03:00:00.000Z"]), "html"));
    expect(labels).toEqual(["01-01 03:00", "01-01 14:30", "2025-01-02"]);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
