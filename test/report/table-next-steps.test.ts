// The table summary ends with what to do, like the Markdown report: one line per failing check with
// its count and advice, the baseline route for accepted values, and where the details are.
import { describe, expect, test } from "vitest";
import { reportAdvice } from "../../src/report/remediation.js";
import { format } from "../../src/report/table.js";
import { fixtureReport } from "../helpers/report-fixture.js";

describe("table: What to do", () => {
  test("follows the policy outcome with advice per failing check", () => {
    const report = fixtureReport();
    const out = format(report, { color: false });
    const block = out.slice(out.indexOf("What to do:"));
    expect(out.indexOf("Policy failed:")).toBeLessThan(out.indexOf("What to do:"));
    const advice = reportAdvice(report.items.filter((i) => i.kind !== "managed-reference"));
    expect(advice.length).toBeGreaterThan(1);
    for (const a of advice) expect(block).toContain(`  - ${a.checkId} (${a.count}): ${a.advice}`);
    expect(block).toContain("nhiscan baseline create");
    expect(block).toContain("--format html");
  });

  test("absent when nothing was found", () => {
    const report = { ...fixtureReport(), items: [], policy: { failed: false, reasons: [] } };
    expect(format(report, { color: false })).not.toContain("What to do");
  });
});
