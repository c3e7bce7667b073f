import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { format } from "../../src/report/html.js";
import { fixtureReport } from "../helpers/report-fixture.js";

const html = () => format(fixtureReport(), { color: false });

describe("html", () => {
  test("matches the snapshot of the shared fixture", async () => {
    await expect(html()).toMatchFileSnapshot("__snapshots__/report.html");
  });

  test("is one self-contained file: no external resource, no link, nothing fetched", () => {
    const page = html();
    expect(page).not.toMatch(/\s(src|href|action|srcset|xlink:href)=/i);
    expect(page).not.toMatch(/url\(|@import|fetch\(|XMLHttpRequest|WebSocket|innerHTML/);
    expect(page.match(/<script>/g)).toHaveLength(1);
    expect(page.match(/<style>/g)).toHaveLength(1);
  });

  test("a strict CSP allows exactly the inline style and script, by hash", () => {
    const page = html();
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1] ?? "";
    expect(csp).toMatch(/^default-src 'none'; /);
    const hash = (s: string) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`;
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? "";
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? "";
    expect(csp).toContain(`style-src ${hash(style)}`);
    expect(csp).toContain(`script-src ${hash(script)}`);
    expect(csp).not.toContain("unsafe");
  });

  test("has the summary cards, the five charts, the sharing view and one inventory group per item", () => {
    const page = html();
    expect(page.match(/class="card /g)?.length).toBeGreaterThanOrEqual(8);
    for (const id of ["chart-grade", "chart-age", "chart-kind", "chart-provider", "chart-owner", "sharing"]) expect(page).toContain(`id="${id}"`);
    expect(page.match(/<tbody class="item"/g)).toHaveLength(fixtureReport().items.length);
    expect(page).toContain("no owner hint found");
  });

  test("escapes every value from the scan", () => {
    const page = html();
    expect(page).not.toContain("<b>");
    expect(page).not.toContain("@acme/<data>");
    expect(page).toContain("notes/=HYPERLINK(&quot;x&quot;)|&lt;b&gt;.txt");
    expect(page).toContain("@acme/&lt;data&gt;");
  });

  test("ages come from git provenance, by bucket, with unknown where there is none", () => {
    const page = html();
    const age = /<figure id="chart-age"[\s\S]*?<\/figure>/.exec(page)?.[0] ?? "";
    expect(age).toContain(
      'aria-label="Credentials by committed-value age: ≤ 30 days 1, 31–90 days 0, 91–180 days 0, 181–365 days 0, &gt; 1 year 3, unknown 1"',
    );
  });
});
