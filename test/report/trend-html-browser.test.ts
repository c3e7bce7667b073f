/// <reference lib="dom" />
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TrendReport, TrendRow } from "../../src/model/store.js";
import { formatTrend } from "../../src/report/trend.js";
import { openHtml } from "../helpers/browser.js";

// The trend HTML in a real headless Chromium: three SVG charts, the scans table, no request.
const URL = "http://nhiscan.invalid/trend.html";

const row = (at: string, open: number, added: number, remediated: number, median: number | null): TrendRow => ({
  scanId: `scan-${at}`,
  at,
  targets: ["/repos/<api>"],
  mode: "working-tree",
  open,
  new: added,
  remediated,
  reopened: 0,
  byGrade: { A: 0, B: 0, C: 1, D: 0, F: open },
  medianDaysToRemediate: median,
});

const TREND: TrendReport = {
  store: "/tmp/store.db",
  scans: [row("2025-01-01T00:00:00.000Z", 4, 4, 0, null), row("2025-02-01T00:00:00.000Z", 5, 2, 1, 31), row("2025-03-01T00:00:00.000Z", 2, 0, 3, 58)],
  remediationByOwner: [
    { owner: "@acme-corporation/platform-security-and-identity-team", count: 2, medianDays: 58, p90Days: 70 },
    { owner: "no owner hint found", count: 2, medianDays: 31, p90Days: 40 },
  ],
};

let browser: Browser;
let page: Page;
let requests: string[] = [];
let errors: string[] = [];

beforeAll(async () => {
  ({ browser, page, requests, errors } = await openHtml(formatTrend(TREND, "html"), URL));
});

afterAll(async () => {
  await browser?.close();
});

describe("trend html in headless Chromium", () => {
  test("draws open over time, new vs remediated, and days to remediate by owner", async () => {
    for (const id of ["chart-open", "chart-changes", "chart-remediation"]) {
      expect((await page.locator(`#${id} svg`).boundingBox())?.height ?? 0).toBeGreaterThan(50);
    }
    const points = (await page.locator("#chart-open polyline").getAttribute("points"))?.trim().split(" ") ?? [];
    expect(points).toHaveLength(3);
    // Higher open count → higher on screen (smaller y): 5 open at scan 2 is the peak, 2 at scan 3 the lowest.
    const ys = points.map((p) => Number(p.split(",")[1]));
    expect(ys[1]).toBeLessThan(ys[0] ?? 0);
    expect(ys[2]).toBeGreaterThan(ys[0] ?? 0);
    expect(await page.locator("#chart-changes svg > rect.new").count()).toBe(3);
    expect(await page.locator("#chart-changes svg > rect.remediated").count()).toBe(3);
    expect(await page.locator("#chart-changes rect.remediated title").allTextContents()).toContain("2025-03-01T00:00:00.000Z: 3 remediated");
    expect(await page.locator("#chart-remediation title").allTextContents()).toEqual([
      "@acme-corporation/platform-security-and-identity-team: 58",
      "no owner hint found: 31",
    ]);
    expect(await page.locator("#scans tbody tr").count()).toBe(3);
    expect(await page.locator("#scans").textContent()).toContain("/repos/<api>");
  });

  test("every label lies inside its chart", async () => {
    const outside = await page.evaluate(() =>
      Array.from(document.querySelectorAll<SVGTextElement>("figure svg text")).flatMap((text) => {
        const svg = text.ownerSVGElement;
        if (svg === null) return [];
        const box = text.getBBox();
        return box.x < 0 || box.x + box.width > svg.viewBox.baseVal.width ? [text.textContent ?? ""] : [];
      }),
    );
    expect(outside).toEqual([]);
  });

  test("no request leaves the page and the console stays clean", () => {
    expect(requests).toEqual([URL]);
    expect(errors).toEqual([]);
  });
});
