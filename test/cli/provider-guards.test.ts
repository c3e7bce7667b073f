import { describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import { WELL_KNOWN_PUBLIC } from "../../src/values/well-known-public.js";
import { runCli } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { writeTree } from "../helpers/tree.js";

// Issue 12 parts 5 and 6 end to end: provider shapes that were missed are findings, and the
// decoys that were flagged are suppressed with their reason and counted.
const fake = fakeSecrets(1207);
const BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";
const uuid = () => `${fake.hex(8)}-${fake.hex(4)}-4${fake.hex(3)}-a${fake.hex(3)}-${fake.hex(12)}`;
const published = (what: string) => WELL_KNOWN_PUBLIC.find((w) => w.what.startsWith(what))?.value ?? "";

async function scan(files: Record<string, string>): Promise<ScanReport> {
  const { exitCode, stdout, stderr } = await runCli(["scan", writeTree(files), "--format", "json", "--fail-on", "none"]);
  expect(stderr).not.toMatch(/error/i);
  expect(exitCode).toBe(0);
  return JSON.parse(stdout) as ScanReport;
}

const ruleIdsByLine = (report: ScanReport) =>
  Object.fromEntries(report.items.flatMap((i) => i.locations.map((l) => [`${l.path}:${l.line}`, l.ruleId] as const)));

describe("provider shapes of issue 12", () => {
  test("every Mailgun key- shape and Heroku UUID keys under Heroku names are found; a Heroku app id is not", async () => {
    const report = await scan({
      "mail.env": [`MAILGUN_API_KEY=key-${fake.pick(BASE36, 32)}`, `EMAIL_API_KEY=key-${fake.hex(32)}`, `MAILGUN_PUBLIC_KEY=pubkey-${fake.hex(32)}`].join("\n"),
      "heroku.env": [`HEROKU_USER_TOKEN=${uuid()}`, `HEROKU_AUTH_TOKEN_PROD=${uuid()}`, `HEROKU_APP_ID=${uuid()}`].join("\n"),
    });
    const byLine = ruleIdsByLine(report);
    expect(byLine).toMatchObject({
      "mail.env:1": "mailgun-api-key",
      "mail.env:2": "mailgun-api-key-standalone",
      "heroku.env:1": "heroku-api-key",
      "heroku.env:2": "heroku-api-key",
    });
    expect(byLine["mail.env:3"]).toBeUndefined();
    expect(byLine["heroku.env:3"]).toBeUndefined();
  });
});

describe("false-positive guards of issue 12", () => {
  test("placeholders with a real prefix, base64 placeholder pairs and published values are suppressed and counted", async () => {
    const emulator = published("Azure Storage emulator");
    const report = await scan({
      ".env": [
        "PYPI_TOKEN=pypi-<api-token>",
        "OPENAI_API_KEY=sk-...",
        "GITHUB_TOKEN=ghp_xxxx",
        `BASIC_AUTH=${Buffer.from("username:password").toString("base64")}`,
        `AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${emulator};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`,
        `AZURE_STORAGE_KEY=${emulator}`,
        `COSMOS_KEY=${published("Azure Cosmos DB emulator")}`,
      ].join("\n"),
    });
    expect(report.items).toEqual([]);
    expect(report.stats.suppressed["well-known-public"]).toBe(3);
    expect(report.stats.suppressed["placeholder"]).toBe(4);
  });

  test("a real storage account key in the same shape is still a finding", async () => {
    const key = Buffer.from(fake.hex(128), "hex").toString("base64");
    const report = await scan({
      "app.env": `AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=ordersprod;AccountKey=${key};EndpointSuffix=core.windows.net`,
    });
    expect(report.items.length).toBe(1);
    expect(report.stats.suppressed["well-known-public"]).toBeUndefined();
  });
});
