// One set of counts and medians, shared by every format: the table's "Found N", its grade line,
// stderr's outcome line and the HTML cards all read the report's one summary, in which managed
// references (inventoried, not leaks) are counted apart and never enter the exposure median.
import { describe, expect, test } from "vitest";
import { summarizeInventory } from "../../src/checks/summary.js";
import { outcomeLine } from "../../src/cli/scan-notices.js";
import type { InventoryItem } from "../../src/model/inventory.js";
import type { ScanReport } from "../../src/model/report.js";
import { format as html } from "../../src/report/html.js";
import { format as markdown } from "../../src/report/markdown.js";
import { format as table } from "../../src/report/table.js";
import { fixtureReport } from "../helpers/report-fixture.js";

function reportWithExposure(): ScanReport {
  const base = fixtureReport();
  // The managed reference has by far the longest exposure: counted with the leaks, it would move the median.
  const items: InventoryItem[] = base.items.map((item, i) => ({ ...item, exposureDays: item.kind === "managed-reference" ? 5000 : 10 * (i + 1) }));
  return { ...base, items, summary: summarizeInventory(items) };
}

describe("every format tells the same counts", () => {
  const report = reportWithExposure();
  const summary = report.summary;
  if (summary === undefined) throw new Error("fixture without summary");
  const leaks = report.items.filter((i) => i.kind !== "managed-reference");

  test("the summary counts literal credentials, managed references apart", () => {
    expect(summary.credentials).toBe(leaks.length);
    expect(summary.managedReferences).toBe(report.items.length - leaks.length);
    expect(summary.managedReferences).toBeGreaterThan(0);
    expect(Object.values(summary.byGrade).reduce((a, b) => a + b, 0)).toBe(summary.credentials);
    expect(Object.values(summary.byOwner).reduce((a, b) => a + b, 0)).toBe(summary.credentials);
    expect(summary.exposure?.count).toBe(leaks.length);
  });

  test("table: Found N, the grade line adds up to N, the exposure median is the summary's", () => {
    const out = table(report, { color: false });
    expect(out).toContain(
      `Found ${summary.credentials} distinct credential(s) at ${summary.locations} location(s), and ${summary.managedReferences} reference(s)`,
    );
    const grades = /Grades: ([^\n]+)\./.exec(out)?.[1] ?? "";
    expect([...grades.matchAll(/[A-F] (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0)).toBe(summary.credentials);
    expect(out).toContain(`${summary.exposure?.medianDays}/${summary.exposure?.p90Days} d;`);
  });

  test("HTML cards and stderr say the same", () => {
    const page = html(report, { color: false });
    const card = (label: string) => new RegExp(`<div class="n">([^<]*)</div><div class="l">${label}</div>`).exec(page)?.[1];
    expect(card("distinct leaked credentials")).toBe(String(summary.credentials));
    expect(card("managed secret references")).toBe(String(summary.managedReferences));
    expect(card("days exposed, median / p90")).toBe(`${summary.exposure?.medianDays} / ${summary.exposure?.p90Days}`);
    expect(outcomeLine(report)).toMatch(
      new RegExp(`^nhiscan: ${summary.credentials} credential\\(s\\) and ${summary.managedReferences} managed secret reference\\(s\\) in 42 files\\.`),
    );
    expect(markdown(report, { color: false })).toContain(`Found ${summary.credentials} distinct credential(s)`);
  });

  test("history reports count blobs, not files", () => {
    const history: ScanReport = { ...report, stats: { ...report.stats, unit: "blobs" } };
    expect(table(history, { color: false })).toContain("Scanned 42 blobs");
    expect(outcomeLine(history)).toContain("in 42 blobs.");
    expect(html(history, { color: false })).toContain('<div class="l">blobs scanned</div>');
  });
});
