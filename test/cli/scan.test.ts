import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import { runCli } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { writeTree } from "../helpers/tree.js";

const fake = fakeSecrets(42);
const pat = fake.githubClassicPat();
const oauth = fake.githubOauth();

function plantedTree(): string {
  return writeTree({
    "config/.env.production": `LOG=info\nGITHUB_TOKEN=${pat}\n`,
    "src/client.ts": `// client\nconst token = "${oauth}";\n`,
    "README.md": "nothing to see\n",
  });
}

describe("nhiscan scan", () => {
  test("lists each planted credential, redacted, with path, line and rule, and exits 1", async () => {
    const dir = plantedTree();
    const { exitCode, stdout, stderr } = await runCli(["scan", dir, "--format", "json"]);
    expect(exitCode).toBe(1);
    const report = JSON.parse(stdout) as ScanReport;
    const where = report.items.flatMap((i) => i.locations.map((l) => `${l.ruleId} ${l.path}:${l.line}`)).sort();
    expect(where).toEqual(["github-classic-pat config/.env.production:2", "github-oauth-token src/client.ts:2"]);
    expect(report.policy.failed).toBe(true);
    expect(stdout + stderr).not.toContain(pat);
    expect(stdout + stderr).not.toContain(oauth);
    expect(report.items.every((i) => i.preview.includes("chars"))).toBe(true);
  });

  test("table output names paths and lines and never the raw value", async () => {
    const dir = plantedTree();
    const { exitCode, stdout } = await runCli(["scan", dir]);
    expect(exitCode).toBe(1);
    expect(stdout).toContain("config/.env.production:2");
    expect(stdout).toContain("github-classic-pat");
    expect(stdout).not.toContain(pat);
    expect(stdout).toMatch(/Scanned 3 files/);
  });

  test("--show-secrets prints raw values", async () => {
    const { stdout } = await runCli(["scan", plantedTree(), "--format", "json", "--show-secrets"]);
    expect(stdout).toContain(pat);
  });

  test("paths may come after flags, and a clean folder exits 0", async () => {
    const dir = writeTree({ "a.txt": "hello\n" });
    const { exitCode, stdout } = await runCli(["scan", "--format", "json", dir]);
    expect(exitCode).toBe(0);
    expect((JSON.parse(stdout) as ScanReport).items).toEqual([]);
  });

  test("--output writes the report with mode 0600 and keeps stdout empty", async () => {
    const dir = plantedTree();
    const out = path.join(dir, "report.json");
    const { exitCode, stdout, stderr } = await runCli(["scan", path.join(dir, "config"), "--format", "json", "--output", out]);
    expect(exitCode).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("1 credential(s)");
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect((JSON.parse(readFileSync(out, "utf8")) as ScanReport).items).toHaveLength(1);
  });

  test("--fail-on none reports but exits 0", async () => {
    expect((await runCli(["scan", plantedTree(), "--fail-on", "none"])).exitCode).toBe(0);
  });

  test.each([
    [["scan", "--format", "xml"], /Allowed choices are/],
    [["scan", "--bogus"], /unknown option/],
    [["scan", "--fail-on", "grade<Z"], /--fail-on: expected/],
    [["scan", "--fail-on", "no-such-check"], /unknown check id `no-such-check`/],
    [["scan", "--fail-on", "grade-C"], /hint: Did you mean `grade<C`\? Quote it in a shell/],
    [["scan", "--fail-on", "severity=high"], /hint: Did you mean `severity>=high`\?/],
    [["scan", "--fail-on", "rotaton-age"], /hint: Did you mean `rotation-age`\?/],
    [["scan", "--max-file-size", "-5"], /expected a positive size/],
    [["scan", "/definitely/not/here"], /no such file or folder/],
  ])("usage error %j exits 2 with a clear message", async (argv, message) => {
    const { exitCode, stderr } = await runCli(argv, { cwd: writeTree({ "a.txt": "x" }) });
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toContain("nhiscan init");
  });

  test("help examples paste into a shell: every example with < or > is quoted", async () => {
    const { stdout } = await runCli(["scan", "--help"]);
    const examples = stdout.split("\n").filter((line) => /^\s+nhiscan /.test(line));
    expect(examples.length).toBeGreaterThan(3);
    for (const line of examples) expect(line.replace(/"[^"]*"|'[^']*'/g, ""), line).not.toMatch(/[<>]/);
  });
});

describe("configuration", () => {
  test("a malformed .nhiscan.yml exits 2 naming the file, the key and the expectation", async () => {
    const dir = writeTree({ ".nhiscan.yml": "policy:\n  maxAgeDays: soon\n", "a.txt": "x" });
    const { exitCode, stderr } = await runCli(["scan", dir]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(".nhiscan.yml");
    expect(stderr).toContain("policy.maxAgeDays");
    expect(stderr).toMatch(/expected number/);
  });

  test("allowlists, excludes and inline nhiscan:allow drop findings and count them", async () => {
    const dir = writeTree({
      ".nhiscan.yml": `exclude: ["vendor/**"]\nallowlist:\n  paths: ["docs/**"]\n  values: ["${oauth}"]\n`,
      "vendor/lib.js": `t="${pat}"`,
      "docs/guide.md": `token ${pat}`,
      "src/a.ts": `const a = "${oauth}";\nconst b = "${pat}"; // nhiscan:allow\n`,
    });
    const { exitCode, stdout } = await runCli(["scan", dir, "--format", "json"]);
    const report = JSON.parse(stdout) as ScanReport;
    expect(report.items).toEqual([]);
    expect(exitCode).toBe(0);
    // The config file itself holds the allowlisted value: that occurrence is allowlisted too.
    expect(report.stats.suppressed).toMatchObject({ "allowlist.paths": 1, "allowlist.values": 2, "inline-allow": 1 });
    expect(report.stats.files).toBe(3);
  });
});

describe("nhiscan init", () => {
  test("writes a default config that itself validates, and refuses to overwrite", async () => {
    const dir = writeTree({});
    expect((await runCli(["init"], { cwd: dir })).exitCode).toBe(0);
    expect((await runCli(["scan", dir, "--fail-on", "none"])).exitCode).toBe(0);
    const again = await runCli(["init"], { cwd: dir });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain("--force");
  });
});
