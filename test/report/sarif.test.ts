import { describe, expect, test } from "vitest";
import { format } from "../../src/report/sarif.js";
import { runCli } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { fixtureReport, fixtureWithSecrets } from "../helpers/report-fixture.js";
import { sarifSchemaErrors } from "../helpers/sarif-schema.js";
import { writeTree } from "../helpers/tree.js";

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; semanticVersion: string; informationUri: string; rules: Record<string, unknown>[] } };
    results: {
      ruleId: string;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}

const sarifOf = (text: string) => JSON.parse(text) as SarifLog;

describe("sarif", () => {
  test("matches the snapshot of the shared fixture", async () => {
    await expect(format(fixtureReport(), { color: false })).toMatchFileSnapshot("__snapshots__/report.sarif");
  });

  test("validates against the official SARIF 2.1.0 schema", () => {
    expect(sarifSchemaErrors(sarifOf(format(fixtureReport(), { color: false })))).toEqual([]);
  });

  test("has the fields GitHub code scanning needs", () => {
    const log = sarifOf(format(fixtureReport(), { color: false }));
    const run = log.runs[0];
    expect(log.version).toBe("2.1.0");
    expect(run?.tool.driver).toMatchObject({ name: "nhiscan", semanticVersion: "0.0.0-test", informationUri: expect.stringMatching(/^https:/) });
    for (const rule of run?.tool.driver.rules ?? []) {
      expect(rule).toMatchObject({
        id: expect.any(String),
        name: expect.any(String),
        shortDescription: { text: expect.any(String) },
        fullDescription: { text: expect.any(String) },
        help: { text: expect.any(String), markdown: expect.stringContaining("https://owasp.org/www-project-non-human-identities-top-10/2025/top-10-2025") },
        defaultConfiguration: { level: expect.stringMatching(/^(error|warning|note)$/) },
        properties: {
          tags: expect.arrayContaining(["security", "CWE-798"]),
          precision: expect.any(String),
          "security-severity": expect.stringMatching(/^\d+\.\d$/),
        },
      });
    }
    for (const result of run?.results ?? []) {
      expect(result.locations).toHaveLength(1);
      expect(result.partialFingerprints["credentialId/v1"]).toMatch(/^[0-9a-f]{32}$/);
      expect(result.partialFingerprints["primaryLocationLineHash"]).toMatch(/^[0-9a-f]{16}:\d+$/);
    }
  });

  test("one result per location of each leak; managed references and retired (rotated, history-only) items are left out", () => {
    const results = sarifOf(format(fixtureReport(), { color: false })).runs[0]?.results ?? [];
    const where = results.map(
      (r) => `${r.ruleId} ${r.locations[0]?.physicalLocation.artifactLocation.uri}:${r.locations[0]?.physicalLocation.region.startLine}`,
    );
    expect(where).toEqual([
      "github-classic-pat .github/workflows/deploy.yml:14",
      "github-classic-pat config/.env.production:2",
      "github-classic-pat services/api/.env.staging:1",
      "rsa-private-key deploy/id_rsa:1",
      "slack-webhook-url scripts/notify.sh:7",
      "generic-password notes/%3DHYPERLINK(%22x%22)%7C%3Cb%3E.txt:5",
    ]);
  });

  test("fingerprints come from the credential id, never from the value, even with --show-secrets", () => {
    const secret = fakeSecrets(3).githubClassicPat();
    const log = sarifOf(
      format(
        fixtureWithSecrets(() => secret),
        { color: false },
      ),
    );
    const fingerprints = JSON.stringify(log.runs[0]?.results.map((r) => r.partialFingerprints));
    expect(fingerprints).not.toContain(secret);
    expect(fingerprints).not.toContain(secret.slice(4, 20));
    expect(log.runs[0]?.results[0]?.message.text).toContain(secret);
  });

  test("the SARIF of a real scan with findings validates against the schema, redacted", async () => {
    const fake = fakeSecrets(11);
    const pat = fake.githubClassicPat();
    const dir = writeTree({ "deploy/.env.production": `TOKEN=${pat}\n`, "src/app.ts": `const key = "${fake.stripeLiveKey()}";\n`, "a b/ü.txt": `t=${pat}\n` });
    const { exitCode, stdout } = await runCli(["scan", dir, "--format", "sarif"]);
    expect(exitCode).toBe(1);
    const log = sarifOf(stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0]?.results.length).toBeGreaterThanOrEqual(3);
    expect(log.runs[0]?.tool.driver.rules.map((r) => r["shortDescription"])).toContainEqual({ text: expect.stringMatching(/GitHub/) });
    expect(stdout).not.toContain(pat);
  });
});
