import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";
import { writeTree } from "../helpers/tree.js";
import { resolveConfig } from "../../src/config/load.js";
import { createWorkerPool } from "../../src/scan/worker-pool.js";

const ACME = path.resolve(import.meta.dirname, "..", "..", "fixtures", "plugins", "acme.mjs");
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const acmeKey = (seed: number) => `acmew_${fakeSecrets(seed).pick(ALNUM, 24)}`;
const alice = { name: "Alice", email: "alice@example.test", date: "2024-01-01T09:00:00+00:00" };
const json = (stdout: string) => JSON.parse(stdout) as ScanReport;

describe("detector plugins (--plugin, operator --config)", () => {
  test("--plugin acme.mjs finds an acmew_ key at its line, rule id = the detector id, and exits 1", async () => {
    const key = acmeKey(1);
    const root = writeTree({ "src/client.ts": `// client\nconst region = "eu";\nconst acme = "${key}";\n` });
    const { exitCode, stdout } = await runCli(["scan", root, "--plugin", ACME, "--format", "json"]);
    expect(exitCode).toBe(1);
    const report = json(stdout);
    expect(report.items).toHaveLength(1);
    expect(report.items[0]).toMatchObject({ ruleIds: ["acme-api-key"], provider: "acme", kind: "api-key", locations: [{ path: "src/client.ts", line: 3 }] });
    expect(report.rules).toContainEqual(expect.objectContaining({ id: "acme-api-key", plugin: "acme", name: "Acme API key" }));
    expect(stdout).not.toContain(key);
  });

  test("on a worker thread: the worker imports the plugin itself and reports its findings and problems", async () => {
    const dir = tempDir();
    const init = { rules: [], config: resolveConfig(dir, {}, dir), showSecrets: false, fingerprintKey: undefined, pluginFiles: [ACME] };
    const pool = createWorkerPool(1, init, 10_000);
    try {
      const text = `x\nkey: ${acmeKey(7)}\n`;
      const tally = await pool.submit([{ type: "fragment", fragment: { path: "a.txt", text, provenance: { kind: "file" } }, bytes: text.length }]);
      expect(tally.findings.map((f) => [f.ruleId, f.path, f.line])).toEqual([["acme-api-key", "a.txt", 2]]);
    } finally {
      await pool.close();
    }
  }, 20_000);

  test("plugin findings go through the same filters: an inline nhiscan:allow suppresses and lists one", async () => {
    const root = writeTree({ "a.txt": `k=${acmeKey(4)} # nhiscan:allow\n`, "b.txt": `k=${acmeKey(5)}\n` });
    const { exitCode, stdout } = await runCli(["scan", root, "--plugin", ACME, "--format", "json"]);
    expect(exitCode).toBe(1);
    const report = json(stdout);
    expect(report.items.map((i) => i.locations[0]?.path)).toEqual(["b.txt"]);
    expect(report.items[0]?.checks.map((c) => c.checkId)).toContain("leaked-secret");
    expect(report.suppressions).toEqual([expect.objectContaining({ path: "a.txt", ruleId: "acme-api-key", reason: "inline-allow" })]);
  });

  test("beats the generic detectors on the same value", async () => {
    const root = writeTree({ "app/.env": `ACME_API_KEY=${acmeKey(2)}\n` });
    const without = json((await runCli(["scan", root, "--format", "json"])).stdout);
    expect(without.items.flatMap((i) => i.ruleIds)).not.toEqual([]);
    expect(without.items.flatMap((i) => i.ruleIds)).not.toContain("acme-api-key");
    const withPlugin = json((await runCli(["scan", root, "--plugin", ACME, "--format", "json"])).stdout);
    expect(withPlugin.items.map((i) => i.ruleIds)).toEqual([["acme-api-key"]]);
  });

  test("an operator --config names plugins relative to itself", async () => {
    const root = writeTree({
      "ops/nhiscan.yml": "plugins:\n  - plugins/acme.mjs\n",
      "ops/plugins/acme.mjs": readFileSync(ACME),
      "code/a.txt": `k=${acmeKey(3)}\n`,
    });
    const { exitCode, stdout } = await runCli(["scan", "code", "--config", "ops/nhiscan.yml", "--format", "json"], { cwd: root });
    expect(exitCode).toBe(1);
    expect(json(stdout).items.map((i) => i.ruleIds[0])).toEqual(["acme-api-key"]);
  });

  test.each([
    ["throws", "detect() { throw new Error('boom'); }", /plugin broken: detector broken-key threw: boom/],
    ["returns bad data", "detect() { return [{ index: -1, value: 'nope' }]; }", /plugin broken: detector broken-key returned 1 bad match/],
    ["returns a Promise", "async detect() { return []; }", /plugin broken: detector broken-key returned a Promise/],
  ])("a plugin that %s is a warning naming it; the file's other findings stand", async (_name, detect, message) => {
    const dir = tempDir();
    const plugin = writeTree(
      { "broken.mjs": `export default { name: "broken", detectors: [{ id: "broken-key", kind: "token", provider: "x", severity: "low", ${detect} }] };\n` },
      dir,
    );
    const root = writeTree({ "ci/.env": `GITHUB_TOKEN=${fakeSecrets(5).githubClassicPat()}\n` });
    const { exitCode, stdout, stderr } = await runCli(["scan", root, "--plugin", path.join(plugin, "broken.mjs"), "--format", "json"]);
    expect(exitCode).toBe(1);
    const report = json(stdout);
    expect(report.items.map((i) => i.ruleIds[0])).toEqual(["github-classic-pat"]);
    expect(report.warnings).toContainEqual(expect.objectContaining({ path: "ci/.env", reason: "plugin-error", detail: expect.stringMatching(message) }));
    expect(stderr).toMatch(message);
  });

  test.each([
    ["a missing file", "nope.mjs", "", /nope\.mjs: cannot load plugin \(file not found\)/],
    ["no default export", "p.mjs", "export const x = 1;\n", /p\.mjs: plugin: expected a default export/],
    [
      "a bad kind",
      "p.mjs",
      'export default { name: "p", detectors: [{ id: "p-k", kind: "nope", provider: "p", severity: "low", detect() { return []; } }] };\n',
      /p\.mjs: plugin: p: detectors\[0\]: `kind`: expected one of/,
    ],
  ])("%s is a config error (exit 2) naming the file", async (_name, file, content, message) => {
    const dir = content === "" ? tempDir() : writeTree({ [file]: content });
    const { exitCode, stderr } = await runCli(["scan", dir, "--plugin", path.join(dir, file)]);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(message);
  });

  test("rules list shows plugin detectors with their plugin's name", async () => {
    const table = await runCli(["rules", "list", "--plugin", ACME]);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(/acme-api-key\s*│\s*acme\s*│\s*api-key\s*│\s*high\s*│\s*plugin acme/);
    const rows = JSON.parse((await runCli(["rules", "list", "--plugin", ACME, "--format", "json"])).stdout) as { id: string; plugin?: string }[];
    expect(rows).toContainEqual(expect.objectContaining({ id: "acme-api-key", plugin: "acme" }));
  });
});

describe("a scanned repository never names code to run", () => {
  /** A repository whose config names a plugin that, if ever imported, writes a marker file. */
  async function trapRepo() {
    const marker = path.join(tempDir(), "PLUGIN-RAN");
    const repo = await createRepo();
    repo.write({
      "tools/evil.mjs": `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "ran");\nexport default { name: "evil", detectors: [] };\n`,
      ".nhiscan.yml": "plugins:\n  - tools/evil.mjs\n",
      "README.md": "hello\n",
    });
    await repo.commit("init", alice);
    await repo.git(["checkout", "-q", "-b", "feature"]);
    repo.write({ "deploy/.env": `GITHUB_TOKEN=${fakeSecrets(6).githubClassicPat()}\n` });
    await repo.commit("change", alice);
    return { repo, marker };
  }

  test.each([
    ["a plain scan", (dir: string) => ["scan", dir]],
    ["a history scan", (dir: string) => ["scan", dir, "--history"]],
    ["a pull-request scan", (dir: string) => ["scan", dir, "--since", "main"]],
    ["a trusted organisation scan", (dir: string) => ["scan", dir, tempDir(), "--trust-repo-config"]],
    ["an organisation scan", (dir: string) => ["scan", dir, tempDir()]],
  ])("%s: not loaded, warned as untrusted-plugin", async (_mode, argv) => {
    const { repo, marker } = await trapRepo();
    const { exitCode, stdout, stderr } = await runCli([...argv(repo.dir), "--format", "json"]);
    expect(exitCode).toBe(1);
    expect(existsSync(marker)).toBe(false);
    expect(json(stdout).warnings).toContainEqual(expect.objectContaining({ reason: "untrusted-plugin", detail: expect.stringContaining("tools/evil.mjs") }));
    expect(stderr).toMatch(/tools\/evil\.mjs not loaded: a scanned repository cannot name code to run.*\[untrusted-plugin\]/);
  });
});
