import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { sarifSchemaErrors } from "../helpers/sarif-schema.js";
import { writeTree } from "../helpers/tree.js";

const fake = fakeSecrets(77);
const sharedKey = fake.githubClassicPat();
const ownKey = fake.npmToken();

/** Two repositories sharing one fake key at the same path, each scanned to JSON as a CI job would. */
async function twoReports(): Promise<string> {
  const out = tempDir();
  const repos = {
    "payments-api": writeTree({ "config/.env": `GITHUB_TOKEN=${sharedKey}\n`, ".npmrc": `//registry.npmjs.org/:_authToken=${ownKey}\n` }),
    "web-app": writeTree({ "config/.env": `GITHUB_TOKEN=${sharedKey}\n` }),
  };
  for (const [name, dir] of Object.entries(repos)) {
    const { exitCode } = await runCli(["scan", ".", "--format", "json", "--output", path.join(out, `${name}.json`)], { cwd: dir });
    expect(exitCode).toBe(1);
  }
  return out;
}

describe("nhiscan merge", () => {
  test("two repositories sharing one fake key give one shared item with both locations", async () => {
    const dir = await twoReports();
    const { exitCode, stdout, stderr } = await runCli(["merge", "payments-api.json", "web-app.json", "--format", "json"], { cwd: dir });
    expect(exitCode).toBe(0);
    expect(stderr).toContain("merged 2 report(s): 2 credential(s), 1 in several repositories");
    const report = JSON.parse(stdout) as ScanReport;
    expect(report.targets).toEqual(["payments-api", "web-app"]);
    const shared = report.items.filter((i) => i.ruleIds.includes("github-classic-pat"));
    expect(shared).toHaveLength(1);
    expect(shared[0]?.locations.map((l) => `${l.repository}:${l.path}`)).toEqual(["payments-api:config/.env", "web-app:config/.env"]);
    expect(shared[0]?.checks.find((c) => c.checkId === "shared")).toMatchObject({ status: "fail", message: expect.stringContaining("2 repositories") });
    const own = report.items.find((i) => i.ruleIds.some((r) => r.startsWith("npm")));
    expect(own?.checks.find((c) => c.checkId === "shared")?.status).toBe("pass");
    expect(report.stats.files).toBe(3);
    expect(stdout).not.toContain(sharedKey);
  });

  test("--fail-on applies to the merged inventory; the html report is written 0600", async () => {
    const dir = await twoReports();
    const out = path.join(dir, "org.html");
    const { exitCode } = await runCli(["merge", "payments-api.json", "web-app.json", "--fail-on", "shared", "--format", "html", "--output", out], { cwd: dir });
    expect(exitCode).toBe(1);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, "utf8")).toContain("payments-api:config/.env");
  });

  test("one report converts to another format (SARIF that validates)", async () => {
    const dir = await twoReports();
    const { exitCode, stdout } = await runCli(["merge", "web-app.json", "--format", "sarif"], { cwd: dir });
    expect(exitCode).toBe(0);
    expect(sarifSchemaErrors(JSON.parse(stdout))).toEqual([]);
    expect(stdout).not.toContain('"repository"');
  });

  test.each([
    ["a missing file", null, /missing\.json: cannot read report \(no such file\)/],
    ["invalid JSON", "{ nope", /bad\.json: expected a JSON report/],
    ["JSON that is not a report", JSON.stringify({ hello: 1 }), /bad\.json: not an nhiscan JSON report: schemaVersion: expected 1/],
    ["an item of the wrong shape", JSON.stringify({ schemaVersion: 1, items: [{ grade: "Z" }] }), /bad\.json: not an nhiscan JSON report: /],
  ])("%s exits 2 naming the file", async (_name, content, message) => {
    const dir = await twoReports();
    const file = content === null ? "missing.json" : "bad.json";
    if (content !== null) writeTree({ "bad.json": content }, dir);
    const { exitCode, stderr } = await runCli(["merge", "web-app.json", file], { cwd: dir });
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
