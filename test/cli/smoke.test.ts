import path from "node:path";
import { execa } from "execa";
import { describe, expect, test } from "vitest";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { writeTree } from "../helpers/tree.js";

// These spawn the built bin/nhiscan.js (npm test builds first), as a user would.
const BIN = path.resolve(import.meta.dirname, "..", "..", "bin", "nhiscan.js");
const nhiscan = (args: string[], env: Record<string, string> = {}) => execa(process.execPath, [BIN, ...args], { reject: false, env });

describe("bin/nhiscan.js", () => {
  test("--version prints the package version and the match engine that runs", async () => {
    const { exitCode, stdout } = await nhiscan(["--version"]);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+ \(match engine: (js|vectorscan)\b/);
    expect((await nhiscan(["--version"], { NHISCAN_ENGINE: "js" })).stdout).toMatch(/\(match engine: js\b/);
  });

  test("scan --format json pipes clean JSON and exits 1 on a planted credential", async () => {
    const pat = fakeSecrets(7).githubClassicPat();
    const dir = writeTree({ "deploy.sh": `export GITHUB_TOKEN=${pat}\n` });
    const { exitCode, stdout, stderr } = await nhiscan(["scan", dir, "--format", "json"]);
    expect(exitCode).toBe(1);
    expect(JSON.parse(stdout).items).toHaveLength(1);
    expect(stdout + stderr).not.toContain(pat);
  });

  test("NO_COLOR output has no escape codes; a bad config exits 2 without a stack trace", async () => {
    const dir = writeTree({ ".nhiscan.yml": "rules: [oops]\n", "a.txt": "x" });
    const { exitCode, stdout, stderr } = await nhiscan(["scan", dir], { NO_COLOR: "1" });
    expect(exitCode).toBe(2);
    expect(stdout + stderr).not.toMatch(/\u001b\[/);
    expect(stderr).toMatch(/\.nhiscan\.yml: rules: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test("--engine chooses the match engine; one that cannot run here is a usage error with a hint", async () => {
    const pat = fakeSecrets(9).githubClassicPat();
    const dir = writeTree({ "deploy.sh": `export GITHUB_TOKEN=${pat}\n` });
    const js = await nhiscan(["scan", dir, "--engine", "js", "--format", "json"]);
    expect(js.exitCode).toBe(1);
    expect(JSON.parse(js.stdout).items).toHaveLength(1);
    const off = { NHISCAN_VECTORSCAN: "0" };
    const refused = await nhiscan(["scan", dir, "--engine", "vectorscan"], off);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/match engine `vectorscan` is not available: Vectorscan is turned off[\s\S]*hint: use --engine js/);
    expect((await nhiscan(["--version"], off)).stdout).toMatch(/\(match engine: js; Vectorscan is turned off/);
    expect((await nhiscan(["scan", dir, "--engine", "nope"])).exitCode).toBe(2);
  });
});
