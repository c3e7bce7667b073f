import { describe, expect, test } from "vitest";
import type { ScanReport, Suppression } from "../../src/model/report.js";
import { runCli } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { sarifSchemaErrors } from "../helpers/sarif-schema.js";
import { writeTree } from "../helpers/tree.js";

const fake = fakeSecrets(1501);
const [allowed, inline, accepted, leaked] = [fake.githubClassicPat(), fake.githubClassicPat(), fake.npmToken(), fake.githubClassicPat()];

/** One value per suppression source, and one real leak. */
async function scanned(format: string) {
  const dir = writeTree({
    ".nhiscan.yml": `allowlist:\n  paths: ["fixtures/**"]\n`,
    "fixtures/test.env": `TOKEN=${allowed}\n`,
    "app/a.env": `A=1\nTOKEN=${inline} # nhiscan:allow test account\n`,
    "app/.npmrc": `//registry.npmjs.org/:_authToken=${accepted}\n`,
  });
  expect((await runCli(["baseline", "create"], { cwd: dir })).exitCode).toBe(0);
  writeTree({ "app/b.env": `TOKEN=${leaked}\n` }, dir);
  return runCli(["scan", ".", "--baseline", ".nhiscan-baseline.json", "--format", format], { cwd: dir });
}

const sources = (list: readonly Suppression[]) => list.map((s) => [s.path, s.line, s.reason, s.source]).sort();

describe("every suppression is listed", () => {
  test("json: path, line, rule, credential id, reason and source of each; never the value", async () => {
    const { exitCode, stdout } = await scanned("json");
    expect(exitCode).toBe(1);
    const report = JSON.parse(stdout) as ScanReport;
    expect(sources(report.suppressions ?? [])).toEqual([
      ["app/.npmrc", 1, "baseline", "baseline .nhiscan-baseline.json"],
      ["app/a.env", 2, "inline-allow", "inline nhiscan:allow comment"],
      ["fixtures/test.env", 1, "allowlist.paths", ".nhiscan.yml: allowlist.paths"],
    ]);
    for (const s of report.suppressions ?? []) expect(s.credentialId).toMatch(/^[0-9a-f]{8,}$/);
    expect(report.stats.suppressed).toMatchObject({ "allowlist.paths": 1, "inline-allow": 1, baseline: 1 });
    for (const value of [allowed, inline, accepted]) expect(stdout).not.toContain(value);
    expect(stdout).not.toContain("lineHash");
  });

  test("sarif: suppressed results, inSource for the inline comment and external otherwise, valid against the schema", async () => {
    const { stdout } = await scanned("sarif");
    const log = JSON.parse(stdout) as {
      runs: { results: { ruleId: string; suppressions?: { kind: string; justification: string }[] }[]; tool: { driver: { rules: { id: string }[] } } }[];
    };
    expect(sarifSchemaErrors(log)).toEqual([]);
    const results = log.runs[0]?.results ?? [];
    expect(results.filter((r) => r.suppressions === undefined)).toHaveLength(1);
    expect(
      results
        .flatMap((r) => r.suppressions ?? [])
        .map((s) => [s.kind, s.justification])
        .sort(),
    ).toEqual([
      ["external", ".nhiscan.yml: allowlist.paths"],
      ["external", "baseline .nhiscan-baseline.json"],
      ["inSource", "inline nhiscan:allow comment"],
    ]);
    const ruleIds = new Set(log.runs[0]?.tool.driver.rules.map((r) => r.id));
    for (const r of results) expect(ruleIds.has(r.ruleId)).toBe(true);
    for (const value of [allowed, inline, accepted]) expect(stdout).not.toContain(value);
  });

  test("markdown: a count per source, each linking to the list", async () => {
    const { stdout } = await scanned("markdown");
    expect(stdout).toContain("### Suppressions (3)");
    expect(stdout).toMatch(/\| \[\.nhiscan\.yml: allowlist\.paths\]\(#suppressions-list\) \| 1 \|/);
    expect(stdout).toContain('<details id="suppressions-list">');
    expect(stdout).toContain("`app/a.env:2`");
  });

  test("html: a count per source, each linking to the list", async () => {
    const { stdout } = await scanned("html");
    expect(stdout).toContain('<h2 id="suppressions-h">Suppressions (3)</h2>');
    expect(stdout).toContain('<a href="#suppressions-list">inline nhiscan:allow comment</a>: 1');
    expect(stdout).toContain('<table id="suppressions-list">');
    for (const value of [allowed, inline, accepted]) expect(stdout).not.toContain(value);
  });
});
