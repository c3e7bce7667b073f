import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { writeTree } from "../helpers/tree.js";
import { format } from "../../src/report/table.js";
import { visibleWidth } from "../../src/report/terminal-width.js";
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
    const dir = writeTree({ "deploy/production/.env": `GITHUB_TOKEN=${f.githubClassicPat()}\nSTRIPE_KEY=${f.stripeLiveKey()}\n`, "ci/notify.sh": `curl ${f.slackWebhook()}\n` });
    const command = `stty cols 100 rows 40; NO_COLOR=1 ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} scan ${JSON.stringify(dir)}`;
    const result = spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8" });
    expect(result.status).toBe(1);
    const lines = result.stdout.replace(/\r/g, "").split("\n");
    expect(Math.max(...lines.map(visibleWidth))).toBeLessThanOrEqual(100);
    expect(lines.filter((l) => l.startsWith("   owner: "))).toHaveLength(3);
    expect(result.stdout).not.toContain("┌");
  });
});
