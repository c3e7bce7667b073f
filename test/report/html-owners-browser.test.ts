/// <reference lib="dom" />
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { InventoryItem } from "../../src/model/inventory.js";
import { format } from "../../src/report/html.js";
import { openHtml } from "../helpers/browser.js";
import { fixtureReport } from "../helpers/report-fixture.js";

// Issue 14 item 8 in a real Chromium: owner labels are not cut off on the left, and the "with no
// owner hint" card, the owner chart and the missing-owner check count the same credentials.
const URL = "http://nhiscan.invalid/report.html";
const LONG_OWNER = "@acme-corporation/platform-security-and-identity-team";
// Wide glyphs (@, M, W, capitals) overflow an estimate made for average characters.
const WIDE_OWNER = "WWW MMM Maintainers <maintainers@users.noreply.github.com>";

let browser: Browser;
let page: Page;

/** The fixture with one credential whose only hint is an inactive author (missing-owner fails) and one long owner name. */
function ownersReport() {
  const report = fixtureReport();
  const items = report.items.map((item): InventoryItem => {
    if (item.provider === "slack") {
      const missing = { checkId: "missing-owner", status: "fail", severity: "medium", owasp: "NHI1:2025", message: "only inactive authors" } as const;
      return { ...item, checks: [...item.checks, missing], exposureDays: 10 };
    }
    if (item.provider === "stripe")
      return { ...item, exposureDays: 30, ownerHints: [{ source: "codeowners", value: LONG_OWNER, confidence: "high", evidence: "CODEOWNERS:1" }] };
    if (item.provider === "github") return { ...item, ownerHints: [{ source: "codeowners", value: WIDE_OWNER, confidence: "high", evidence: "CODEOWNERS:2" }] };
    return item;
  });
  return { ...report, items };
}

beforeAll(async () => {
  ({ browser, page } = await openHtml(format(ownersReport(), { color: false }), URL));
});

afterAll(async () => {
  await browser?.close();
});

describe("html report owners", () => {
  test("a card shows the exposure median and p90 in days", async () => {
    expect(await page.locator(".card", { hasText: "days exposed, median / p90" }).locator(".n").textContent()).toBe("20 / 30");
  });

  test("every chart label lies inside its SVG (none cut off on the left or right)", async () => {
    const outside = await page.evaluate(() =>
      Array.from(document.querySelectorAll<SVGTextElement>("figure.chart svg text")).flatMap((text) => {
        const svg = text.ownerSVGElement;
        if (svg === null) return [];
        const box = text.getBBox();
        const width = svg.viewBox.baseVal.width;
        return box.x < 0 || box.x + box.width > width ? [`${text.textContent ?? ""} (${box.x.toFixed(1)}..${(box.x + box.width).toFixed(1)} of ${width})`] : [];
      }),
    );
    expect(outside).toEqual([]);
    const labels = await page.locator("#chart-owner svg text:not(.count)").allTextContents();
    // The long name is shortened with an ellipsis (the tooltip keeps it whole), not cut by the edge.
    expect(labels.some((l) => l.startsWith("@acme-corporation/") && l.endsWith("…"))).toBe(true);
    expect(await page.locator("#chart-owner title").allTextContents()).toContain(`${LONG_OWNER}: 1`);
  });

  test("the no-owner card, the owner chart and missing-owner agree", async () => {
    const report = ownersReport();
    const leaks = report.items.filter((i) => i.kind !== "managed-reference");
    const expected = leaks.filter((i) => i.ownerHints.length === 0 || i.checks.some((c) => c.checkId === "missing-owner" && c.status === "fail")).length;
    const card = page.locator(".card", { hasText: "with no owner hint" }).locator(".n");
    expect(Number(await card.textContent())).toBe(expected);
    expect(expected).toBe(2);
    expect(await page.locator("#chart-owner title").allTextContents()).toContain(`no owner hint found: ${expected}`);
    // The inactive author is not drawn as an owner.
    expect((await page.locator("#chart-owner title").allTextContents()).some((t) => t.startsWith("alice@example.com"))).toBe(false);
  });
});
