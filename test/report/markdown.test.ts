import { describe, expect, test } from "vitest";
import { code, format, text } from "../../src/report/markdown.js";
import { fixtureReport } from "../helpers/report-fixture.js";

describe("markdown", () => {
  test("matches the snapshot of the shared fixture", async () => {
    await expect(format(fixtureReport(), { color: false })).toMatchFileSnapshot("__snapshots__/report.md");
  });

  test("a compact comment: status, counts by grade and kind, the worst items, what to do", () => {
    const md = format(fixtureReport(), { color: false });
    expect(md).toMatch(/^## nhiscan: 5 leaked credential\(s\) \(policy failed\)/);
    expect(md).toContain("| Credentials | 0 | 1 | 2 | 1 | 1 |");
    expect(md).toContain("**By kind:**");
    expect(md).toContain("### Worst credentials");
    expect(md).toContain("### What to do");
    expect(md).toContain("rotated 2024-06-01, history only: not failing");
    expect(md.length).toBeLessThan(6000);
  });

  test("a clean report says so", () => {
    const md = format({ ...fixtureReport(), items: [], policy: { failed: false, reasons: [] } }, { color: false });
    expect(md).toMatch(/^## nhiscan: no leaked credentials \(policy passed\)/);
  });

  test.each([
    ["plain", "`plain`"],
    ["a`b", "``a`b``"],
    ["`x", "`` `x ``"],
    ["a|b", "`a\\|b`"],
    ["two\nlines", "`two lines`"],
  ])("code(%j) is %j", (value, expected) => {
    expect(code(value)).toBe(expected);
  });

  test("text escapes markup that could inject links or HTML", () => {
    expect(text("<img src=x>[a](javascript:x) *b*")).toBe("\\<img src=x\\>\\[a\\](javascript:x) \\*b\\*");
  });
});
