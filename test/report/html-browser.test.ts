import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { format } from "../../src/report/html.js";
import { openHtml } from "../helpers/browser.js";
import { fixtureReport } from "../helpers/report-fixture.js";

// The HTML report in a real headless Chromium (test/helpers/browser.ts).
const URL = "http://nhiscan.invalid/report.html";
/** Gitignored: the screenshot is for people, not a golden. */
const SCREENSHOT = path.resolve(import.meta.dirname, "..", "..", "test-results", "html-report.png");

let browser: Browser;
let page: Page;
let requests: string[] = [];
let errors: string[] = [];

beforeAll(async () => {
  ({ browser, page, requests, errors } = await openHtml(format(fixtureReport(), { color: false }), URL));
});

afterAll(async () => {
  await browser?.close();
});

const visibleRows = () => page.locator("#inventory tbody.item:visible").count();
const firstGrade = () => page.locator("#inventory tbody.item").first().getAttribute("data-grade");

describe("html report in headless Chromium", () => {
  test("renders the summary cards, the inventory and the SVG charts", async () => {
    expect(await page.title()).toContain("nhiscan credential inventory");
    expect(await page.locator(".card").count()).toBeGreaterThanOrEqual(8);
    expect(await visibleRows()).toBe(fixtureReport().items.length);
    for (const id of ["chart-grade", "chart-age", "chart-kind", "chart-provider", "chart-owner", "sharing"]) {
      const svg = page.locator(`#${id} svg`);
      expect(await svg.count()).toBe(1);
      expect((await svg.boundingBox())?.height ?? 0).toBeGreaterThan(20);
    }
    expect(await page.locator("#chart-grade rect").count()).toBe(5);
    expect(await page.locator("#sharing path.edge").count()).toBe(3);
  });

  test("typing in the filter reduces the rows, and clearing it restores them", async () => {
    await page.fill("#filter", "slack");
    expect(await visibleRows()).toBe(1);
    expect(await page.textContent("#shown")).toBe("1 of 6 shown");
    await page.fill("#filter", "grade:f");
    expect(await visibleRows()).toBe(1);
    await page.fill("#filter", "no owner hint found");
    expect(await visibleRows()).toBe(3);
    await page.fill("#filter", "");
    expect(await visibleRows()).toBe(6);
  });

  test("clicking a header sorts the inventory, and clicking again reverses it", async () => {
    const grade = page.locator('th button[data-key="grade"]');
    await grade.click();
    expect(await firstGrade()).toBe("0");
    expect(await page.locator("th:has(button[data-key=grade])").getAttribute("aria-sort")).toBe("ascending");
    await grade.click();
    expect(await firstGrade()).toBe("4");
    await page.locator('th button[data-key="locations"]').click();
    await page.locator('th button[data-key="locations"]').click();
    expect(await page.locator("#inventory tbody.item").first().getAttribute("data-locations")).toBe("3");
  });

  test("each item opens to its locations, owners and check evidence", async () => {
    const first = page.locator("#inventory tbody.item").first();
    await first.locator("summary").click();
    const detail = await first.locator("details").textContent();
    expect(detail).toContain("Locations (3)");
    expect(detail).toContain("@acme/platform");
    expect(detail).toContain("same value in 3 files");
  });

  test("no request leaves the page and the console stays clean; a screenshot is saved", async () => {
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(requests).toEqual([URL]);
    expect(errors).toEqual([]);
  });
});
