import { describe, expect, test } from "vitest";
import { format } from "../../src/report/table.js";
import { visibleWidth } from "../../src/report/terminal-width.js";
import { fixtureReport } from "../helpers/report-fixture.js";

const widest = (text: string) => Math.max(...text.split("\n").map(visibleWidth));

describe("table report and the terminal width", () => {
  test("without a known width it is the full table (169 cells)", () => {
    expect(widest(format(fixtureReport(), { color: false }))).toBe(169);
  });

  test.each([160, 140, 120])("at %i columns the table shrinks to fit", (columns) => {
    const out = format(fixtureReport(), { color: true, columns });
    expect(widest(out)).toBeLessThanOrEqual(columns);
    expect(out).toContain("┌");
  });

  test.each([119, 100, 80, 60])("below 120 columns (%i) it prints one compact block per credential, never wider", (columns) => {
    const report = fixtureReport();
    const out = format(report, { color: true, columns });
    expect(widest(out)).toBeLessThanOrEqual(columns);
    expect(out).not.toContain("┌");
    // One block per credential, each with its grade line, location, owner and failing checks.
    expect(out.match(/^ {3}owner: /gm)?.length).toBe(report.items.length);
    expect(out.match(/^ {3}failing: /gm)?.length).toBe(report.items.length);
    const first = report.items[0];
    expect(out).toContain(first?.preview.slice(0, 6));
    expect(out).toContain(`at ${first?.locations[0]?.path}`);
  });
});
