import { describe, expect, test } from "vitest";
import type { Candidate } from "../../src/model/finding.js";
import { falsePositiveReason } from "../../src/scan/false-positive.js";
import { placeholderReason } from "../../src/scan/placeholder.js";
import { WELL_KNOWN_PUBLIC, wellKnownPublic } from "../../src/values/well-known-public.js";
import { LineIndex } from "../../src/util/text.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";

const fake = fakeSecrets(91);

/** A candidate for `value`, placed where it first occurs in `text`. */
function candidateIn(text: string, value: string, overrides: Partial<Candidate> = {}): Candidate {
  const start = text.indexOf(value);
  return {
    ruleId: "generic-assignment",
    provider: "generic",
    kind: "api-key",
    severity: "high",
    secret: value,
    start,
    end: start + value.length,
    confidence: "medium",
    nonExpiring: false,
    ...overrides,
  };
}

function reason(path: string, text: string, value: string, overrides: Partial<Candidate> = {}): string | undefined {
  return falsePositiveReason(candidateIn(text, value, overrides), { text, path, provenance: { kind: "file" } }, new LineIndex(text));
}

const sri = `sha512-${Buffer.from(fake.hex(128), "hex").toString("base64")}`;
const sha = fake.hex(40);
const uuid = `${fake.hex(8)}-${fake.hex(4)}-4${fake.hex(3)}-a${fake.hex(3)}-${fake.hex(12)}`;
const goSum = `h1:${Buffer.from(fake.hex(64), "hex").toString("base64")}`;
const digest = fake.hex(64);
const token = fake.pick("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);

describe("false-positive guards: dropped", () => {
  test.each<[string, string, string, string, Partial<Candidate>, string]>([
    ["lockfile integrity", "package-lock.json", `"integrity": "${sri}"`, sri, {}, "integrity-hash"],
    ["a generic value in a lockfile", "yarn.lock", `  resolved "https://r/x.tgz#${token}"`, token, {}, "lockfile"],
    ["go.sum hash", "go.sum", `github.com/a/b v1.0.0 ${goSum}`, goSum, {}, "integrity-hash"],
    ["a git SHA in a workflow", ".github/workflows/ci.yml", `      - uses: actions/checkout@${sha}`, sha, { provider: "aws", confidence: "medium" }, "git-sha"],
    ["a commit id", "deploy.yaml", `commit: ${sha}`, sha, {}, "git-sha"],
    ["a UUID request id", "a.ts", `const requestId = "${uuid}"`, uuid, { parts: { name: "requestId" } }, "uuid"],
    ["a UUID session token (one-off, not a credential)", "a.js", `  sessionToken: "${uuid}",`, uuid, { parts: { name: "sessionToken" } }, "uuid"],
    ["a UUID tenant id", "a.yaml", `tenant_id: ${uuid}`, uuid, { parts: { key: "tenant_id" } }, "uuid"],
    ["a Docker digest", "compose.yml", `image: nginx@sha256:${digest}`, digest, {}, "content-hash"],
    ["a checksum", "a.py", `EXPECTED_CHECKSUM = "${sha}"`, sha, {}, "content-hash"],
    ["a minified bundle", "dist/app.min.js", `var e={k:"${token}"}`, token, { provider: "stripe", confidence: "medium" }, "minified"],
    ["a very long line of script", "assets/app.js", `${"x".repeat(1200)};var t="${token}"`, token, {}, "minified"],
    ["a translation", "locales/de.json", `"token": "${token}"`, token, {}, "i18n"],
    ["a generic value in a test", "test/client.test.ts", `const apiKey = "${token}"`, token, {}, "documentation-or-test"],
    ["a generic value in docs", "docs/setup.md", `API_KEY=${token}`, token, {}, "documentation-or-test"],
  ])("%s", (_name, path, text, value, overrides, expected) => {
    expect(reason(path, text, value, overrides)).toBe(expected);
  });
});

describe("false-positive guards: kept", () => {
  test.each<[string, string, string, string, Partial<Candidate>]>([
    [
      "a certain provider match in a lockfile",
      "package-lock.json",
      `"resolved": "https://u:${token}@npm.acme.io/x.tgz"`,
      token,
      { provider: "npm", confidence: "high" },
    ],
    ["a UUID named as a key", "a.ts", `const herokuApiKey = "${uuid}"`, uuid, { parts: { name: "herokuApiKey" } }],
    [
      "a UUID under a user token name (the id guard yields to a secret name)",
      ".env",
      `HEROKU_USER_TOKEN=${uuid}`,
      uuid,
      { parts: { key: "HEROKU_USER_TOKEN" } },
    ],
    ["a UUID under a client secret name", "a.yaml", `client_secret: ${uuid}`, uuid, { parts: { key: "client_secret" } }],
    ["a UUID session key (may sign)", "a.py", `SESSION_KEY = "${uuid}"`, uuid, { parts: { name: "SESSION_KEY" } }],
    ["a hex secret named as one", "a.py", `WEBHOOK_SECRET = "${sha}"`, sha, {}],
    ["a high-confidence generic value in a test", "test/a.test.ts", `const apiKey = "${token}"`, token, { confidence: "high" }],
    [
      "a managed reference anywhere",
      "yarn.lock",
      "github-actions:secrets.X",
      "github-actions:secrets.X",
      { kind: "managed-reference", provider: "github-actions" },
    ],
    ["an ordinary config value", "config/app.yaml", `api_key: ${token}`, token, {}],
  ])("%s", (_name, path, text, value, overrides) => {
    expect(reason(path, text, value, overrides)).toBeUndefined();
  });
});

describe("placeholders", () => {
  const candidate = (secret: string, kind: Candidate["kind"] = "token"): Candidate => ({ ...candidateIn(secret, secret), kind });
  test.each([
    ["sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "placeholder word"],
    ["AKIA7777777777777777", "repeated characters"],
    ["https://${HOST}/hook", "templated value"],
    ["prefix-{{ .Values.x }}", "templated value"],
    ["pypi-<api-token>", "prefix with a stand-in"],
    ["sk-...", "prefix with a stand-in"],
    ["sk-ant-...", "prefix with a stand-in"],
    ["ghp_xxxx", "prefix with a stand-in"],
    ["xoxb-[token]", "prefix with a stand-in"],
    ["sk_live_**", "prefix with a stand-in"],
    ["pypi-AgEIcHlwaS5vcmcCJ...", "truncated value"],
    ["sk-proj-4f9Qm…", "truncated value"],
    [Buffer.from("username:password").toString("base64"), "base64 of a placeholder pair"],
    [Buffer.from("user:password").toString("base64"), "base64 of a placeholder pair"],
    [Buffer.from("<user>:<token>").toString("base64"), "base64 of a placeholder pair"],
    [Buffer.from("client_id:client_secret").toString("base64"), "base64 of a placeholder pair"],
  ])("%s: %s", (secret, expected) => {
    expect(placeholderReason(candidate(secret))).toBe(expected);
  });

  test.each([
    ["a real-shaped token", fake.githubClassicPat()],
    ["a token whose last characters are x", `sk-${fake.pick("abcdefghijkmnopqrstuvwyz0123456789", 40)}xx`],
    ["base64 of a real pair", Buffer.from(`deploy:${fake.password()}`).toString("base64")],
    ["base64 of weak default credentials (a finding, not a sample)", Buffer.from("admin:admin").toString("base64")],
  ])("not a placeholder: %s", (_name, secret) => {
    expect(placeholderReason(candidate(secret))).toBeUndefined();
  });

  test("a password may end in an ellipsis or a stand-in-like tail", () => {
    expect(placeholderReason(candidate("Winter-2024...", "password"))).toBeUndefined();
    expect(placeholderReason(candidate("hunter2-xx", "password"))).toBeUndefined();
  });

  test("a format with a long fixed run (Twitter bearer tokens) is not a placeholder", () => {
    expect(
      placeholderReason(candidate(`${"A".repeat(22)}${fake.pick("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789%", 90)}`)),
    ).toBeUndefined();
  });

  test("managed references are never placeholders", () => {
    expect(placeholderReason(candidate("github-actions:secrets.EXAMPLE_TOKEN", "managed-reference"))).toBeUndefined();
  });
});

describe("well-known public values", () => {
  const emulatorKey = WELL_KNOWN_PUBLIC.find((w) => w.what.startsWith("Azure Storage emulator"))?.value ?? "";

  test("every value has a reference and appears once", () => {
    for (const w of WELL_KNOWN_PUBLIC) expect(w.reference).toMatch(/^https:\/\//);
    expect(new Set(WELL_KNOWN_PUBLIC.map((w) => w.value)).size).toBe(WELL_KNOWN_PUBLIC.length);
  });

  test.each([
    ["the Azure storage emulator key", emulatorKey],
    [
      "an emulator connection string",
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${emulatorKey};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`,
    ],
    ["AWS's documented access key id", ["AKIA", "IOSFODNN7", "EXAMPLE"].join("")],
    ["an RFC 6749 sample token", "2YotnFZFEjr1zCsicMWpAA"],
  ])("%s is well known", (_name, secret) => {
    expect(wellKnownPublic(secret)).toBeDefined();
  });

  test.each([
    ["a random storage key", Buffer.from(fake.hex(128), "hex").toString("base64")],
    ["a short sample inside a longer value (only long values match embedded)", `Jefe${fake.hex(20)}`],
    ["a one-character change of the emulator key", `X${emulatorKey.slice(1)}`],
  ])("%s is not", (_name, secret) => {
    expect(wellKnownPublic(secret)).toBeUndefined();
  });
});
