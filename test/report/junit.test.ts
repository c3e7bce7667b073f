import { describe, expect, test } from "vitest";
import { format, xml } from "../../src/report/junit.js";
import { fixtureReport } from "../helpers/report-fixture.js";

describe("junit", () => {
  test("matches the snapshot of the shared fixture", async () => {
    await expect(format(fixtureReport(), { color: false })).toMatchFileSnapshot("__snapshots__/report.junit.xml");
  });

  test("one test case per credential; failures are the credentials with failing checks", () => {
    const report = fixtureReport();
    const text = format(report, { color: false });
    expect(text.match(/<testcase /g)).toHaveLength(report.items.length);
    const failing = report.items.filter((i) => i.checks.some((c) => c.status === "fail")).length;
    expect(text.match(/<failure /g)).toHaveLength(failing);
    expect(text).toContain(`<testsuites name="nhiscan" tests="${report.items.length}" failures="${failing}"`);
    expect(text).toContain("FAIL shared [NHI9:2025, medium]: same value in 3 files");
  });

  test("escapes markup and drops characters XML cannot carry", () => {
    expect(xml(`<a href="x">&'\u0001b`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;b");
    const text = format(fixtureReport(), { color: false });
    expect(text).not.toContain("<b>");
    expect(text).toContain("&lt;b&gt;");
  });
});
