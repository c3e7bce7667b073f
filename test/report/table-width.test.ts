import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { writeTree } from "../helpers/tree.js";
import { format } from "../../src/report/table.js";
import { visibleWidth, wrapCell } from "../../src/report/terminal-width.js";
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

  test.each([200, 240])("at %i columns the table grows to use the width, every rule id whole", (columns) => {
    const report = fixtureReport();
    const out = format(report, { color: true, columns });
    expect(widest(out)).toBe(columns);
    const plain = out.replace(/\u001b\[[0-9;]*m/g, "");
    for (const item of report.items.filter((i) => i.kind !== "managed-reference")) expect(plain).toContain(item.ruleIds[0]);
  });

  test.each([100, 120, 160, 200])("at %i columns with colour: no escape sequence cut in two, each grade on its row's first line", (columns) => {
    const report = fixtureReport();
    const out = format(report, { color: true, columns });
    // Every ESC starts a complete SGR sequence: removing them leaves no ESC and no orphaned "[…m".
    const plain = out.replace(/\u001b\[[0-9;]*m/g, "");
    expect(plain).not.toContain("\u001b");
    expect(plain).not.toMatch(/\[[0-9;]+m/);
    if (columns < 120) return;
    const lines = plain.split("\n");
    const firstRowLines = lines.filter((_, i) => /^[├┌]/.test(lines[i - 1] ?? "") && /^│/.test(lines[i] ?? "")).slice(1);
    expect(firstRowLines).toHaveLength(report.items.length);
    for (const line of firstRowLines) expect(line).toMatch(/^│ [A-F] +│/);
  });

  test.each([
    ["rails-secret-key-base", 18, "rails-secret-key-\nbase"],
    ["config/credentials/production.yml.enc:12", 20, "config/credentials/\nproduction.yml.enc:\n12"],
    ["a token 0123456789abcdef0123456789", 12, "a token\n0123456789ab\ncdef01234567\n89"],
    ["\u001b[31m\u001b[1mF\u001b[22m\u001b[39m", 5, "\u001b[31m\u001b[1mF\u001b[22m\u001b[39m"],
  ])("wrapCell(%j, %i) breaks at spaces, then after separators, cutting only unbroken runs", (text, width, expected) => {
    expect(wrapCell(text, width)).toBe(expected);
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

// The built CLI on a real pseudo-terminal 100 columns wide (util-linux `script`): process.stdout.columns reaches the table.
const BIN = path.resolve(import.meta.dirname, "..", "..", "bin", "nhiscan.js");
const hasScript = spawnSync("script", ["--version"]).status === 0;

describe.runIf(hasScript)("table on a real 100-column terminal", () => {
  test("prints compact blocks, no line wider than the terminal", () => {
    const f = fakeSecrets(100);
    const dir = writeTree({
      "deploy/production/.env": `GITHUB_TOKEN=${f.githubClassicPat()}\nSTRIPE_KEY=${f.stripeLiveKey()}\n`,
      "ci/notify.sh": `curl ${f.slackWebhook()}\n`,
    });
    const command = `stty cols 100 rows 40; NO_COLOR=1 ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} scan ${JSON.stringify(dir)}`;
    const result = spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8" });
    expect(result.status).toBe(1);
    const lines = result.stdout.replace(/\r/g, "").split("\n");
    expect(Math.max(...lines.map(visibleWidth))).toBeLessThanOrEqual(100);
    expect(lines.filter((l) => l.startsWith("   owner: "))).toHaveLength(3);
    expect(result.stdout).not.toContain("┌");
  });
});
