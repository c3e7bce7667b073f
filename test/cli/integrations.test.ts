import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { execa } from "execa";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";
import { sarifSchemaErrors } from "../helpers/sarif-schema.js";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "nhiscan.js");

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
}
const action = parse(readFileSync(path.join(ROOT, "action.yml"), "utf8")) as { name: string; runs: { using: string; steps: Step[] } };
const script = (id: string) => action.runs.steps.find((s) => s.id === id)?.run ?? "";

describe(".pre-commit-hooks.yaml", () => {
  test("declares the nhiscan hook for the pre-commit framework, scanning the index", () => {
    const hooks = parse(readFileSync(path.join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as Record<string, unknown>[];
    expect(hooks[0]).toMatchObject({ id: "nhiscan", language: "node", entry: "nhiscan scan --staged", pass_filenames: false });
  });
});

describe("action.yml", () => {
  test("is a composite action: every script has a shell and takes inputs through env only", () => {
    expect(action.runs.using).toBe("composite");
    const scripts = action.runs.steps.filter((s) => s.run !== undefined);
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const step of scripts) {
      expect(step.shell).toBe("bash");
      expect(step.run).not.toContain("${{");
    }
    expect(action.runs.steps.map((s) => s.uses).filter(Boolean)).toEqual(["actions/setup-node@v4", "github/codeql-action/upload-sarif@v3"]);
  });

  // Runs the action's own scripts as GitHub would (bash -eo pipefail) on a real pull-request range.
  test("its scan and report steps turn a pull-request range into valid SARIF and a job summary", async () => {
    const repo = await createRepo();
    const who = { name: "Dev", email: "dev@example.com", date: "2025-01-01T00:00:00Z" };
    repo.write({ "README.md": "base\n" });
    const base = await repo.commit("base", who);
    const pat = fakeSecrets(8).githubClassicPat();
    repo.write({ "deploy.sh": `export GITHUB_TOKEN=${pat}\n` });
    const head = await repo.commit("add deploy", who);
    const out = tempDir();
    mkdirSync(path.join(out, "gh"), { recursive: true });
    const files = { GITHUB_OUTPUT: path.join(out, "gh", "output"), GITHUB_STEP_SUMMARY: path.join(out, "gh", "summary.md") };
    for (const file of Object.values(files)) writeFileSync(file, "");
    const env = {
      ...files,
      NHISCAN: BIN,
      INPUT_PATH: ".",
      INPUT_RANGE: "",
      INPUT_FAIL_ON: "finding",
      INPUT_BASELINE: "",
      EVENT_NAME: "pull_request",
      PR_BASE: base,
      PR_HEAD: head,
      PUSH_BEFORE: "",
      PUSH_AFTER: "",
      OUT: path.join(out, "nhiscan"),
    };
    const bash = (id: string) => execa("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script(id)], { cwd: repo.dir, env, reject: false });
    const scanned = await bash("scan");
    expect(scanned.stderr).not.toMatch(/error/i);
    expect(scanned.exitCode).toBe(0);
    expect(scanned.stdout).toContain(`--range ${base}..${head}`);
    expect(readFileSync(files.GITHUB_OUTPUT, "utf8")).toContain("exit-code=1\n");
    const reported = await bash("report");
    expect(reported.exitCode).toBe(0);
    const sarif = JSON.parse(readFileSync(path.join(env.OUT, "nhiscan.sarif"), "utf8")) as { runs: { results: unknown[] }[] };
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0]?.results).toHaveLength(1);
    const summary = readFileSync(files.GITHUB_STEP_SUMMARY, "utf8");
    expect(summary).toMatch(/^## nhiscan: 1 leaked credential\(s\) \(policy failed\)/);
    expect(summary + readFileSync(path.join(env.OUT, "nhiscan.sarif"), "utf8")).not.toContain(pat);
  });
});
