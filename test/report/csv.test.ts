import { describe, expect, test } from "vitest";
import { csvCell, format } from "../../src/report/csv.js";
import { fixtureReport } from "../helpers/report-fixture.js";

describe("csv", () => {
  test("matches the snapshot of the shared fixture", async () => {
    await expect(format(fixtureReport(), { color: false })).toMatchFileSnapshot("__snapshots__/report.csv");
  });

  test("has a header and one CRLF-terminated row per location", () => {
    const report = fixtureReport();
    const text = format(report, { color: false });
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = text.slice(0, -2).split("\r\n");
    expect(rows[0]).toMatch(/^credential_id,grade,score,kind,provider,/);
    expect(rows).toHaveLength(1 + report.items.reduce((n, i) => n + i.locations.length, 0));
  });

  test.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=1+2", "'=1+2"],
    ["+cmd", "'+cmd"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tTAB", "'\tTAB"],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ["-----BEGIN RSA PRIVATE KEY-----…", "'-----BEGIN RSA PRIVATE KEY-----…"],
  ])("cell %j is written as %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  test("no cell of the fixture starts a formula", () => {
    const cells = format(fixtureReport(), { color: false }).split(/,|\r\n/);
    expect(cells.filter((c) => /^"?[=+\-@]/.test(c))).toEqual([]);
  });
});
