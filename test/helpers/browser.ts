import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";

// A report in a real headless Chromium: $NHISCAN_CHROMIUM, else the system's (Debian's chromium,
// which .ci/run installs). The tests never install anything; without a browser they fail and say so.
// Every request is routed: the page itself is served, anything else is recorded and aborted.
const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/Applications/Chromium.app/Contents/MacOS/Chromium"];

function chromiumPath(): string {
  const found = [process.env.NHISCAN_CHROMIUM, ...CANDIDATES].find((p): p is string => p !== undefined && p !== "" && existsSync(p));
  if (found === undefined) {
    throw new Error(
      `No Chromium found (looked at $NHISCAN_CHROMIUM and ${CANDIDATES.join(", ")}). The HTML report tests need a real browser: ` +
        "install Debian's chromium (sudo apt-get install chromium), or set NHISCAN_CHROMIUM to a Chromium or Chrome binary.",
    );
  }
  return found;
}
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface OpenedPage {
  readonly browser: Browser;
  readonly page: Page;
  /** Every URL the page asked for, the page's own first. */
  readonly requests: string[];
  /** Console errors and warnings, and uncaught page errors. */
  readonly errors: string[];
}

/** Opens `html` as if served at `url`, in a 1280x900 viewport. */
export async function openHtml(html: string, url: string): Promise<OpenedPage> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.route("**/*", (route) => (route.request().url() === url ? route.fulfill({ body: html, contentType: "text/html; charset=utf-8" }) : route.abort()));
  await page.goto(url, { waitUntil: "load" });
  return { browser, page, requests, errors };
}
