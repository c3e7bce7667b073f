import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";
import { writeTree } from "../helpers/tree.js";

const key = fakeSecrets(1515).githubClassicPat();
const alice = { name: "Alice", email: "alice@example.test", date: "2024-01-01T09:00:00+00:00" };
const ALLOW_ALL = 'allowlist:\n  paths: ["**"]\n';

/** A repository whose own config allowlists everything, with a committed secret. */
async function selfAllowingRepo(dir = tempDir()) {
  const repo = await createRepo(dir);
  repo.write({ ".nhiscan.yml": ALLOW_ALL, "deploy/.env": `GITHUB_TOKEN=${key}\n` });
  await repo.commit("config and secret", alice);
  return repo;
}

const json = (stdout: string) => JSON.parse(stdout) as ScanReport;
const paths = (report: ScanReport) => report.items.flatMap((i) => i.locations.map((l) => l.path));

describe("whose config counts", () => {
  test("a plain local scan honours the repository's config and lists the allowlisted location", async () => {
    const repo = await selfAllowingRepo();
    const { exitCode, stdout } = await runCli(["scan", repo.dir, "--format", "json"]);
    expect(exitCode).toBe(0);
    const report = json(stdout);
    expect(report.items).toEqual([]);
    expect(report.suppressions).toContainEqual(
      expect.objectContaining({
        path: "deploy/.env",
        line: 1,
        ruleId: "github-classic-pat",
        reason: "allowlist.paths",
        source: ".nhiscan.yml: allowlist.paths",
      }),
    );
    expect(JSON.stringify(report)).not.toContain(key);
  });

  test("an organisation scan (--repos-file) ignores it, warns, reports the credential and exits 1", async () => {
    const root = tempDir();
    mkdirSync(path.join(root, "app"));
    await selfAllowingRepo(path.join(root, "app"));
    writeTree({ "repos.txt": "app\n" }, root);
    const { exitCode, stdout, stderr } = await runCli(["scan", "--repos-file", "repos.txt", "--format", "json"], { cwd: root });
    expect(exitCode).toBe(1);
    const report = json(stdout);
    expect(paths(report)).toEqual(["deploy/.env"]);
    expect(report.warnings).toContainEqual(expect.objectContaining({ path: ".nhiscan.yml", reason: "repository-config-ignored", repository: "app" }));
    expect(stderr).toMatch(/app: \.nhiscan\.yml: not applied .*--trust-repo-config.*\[repository-config-ignored\]/);
  });

  test("--trust-repo-config applies each repository's config to its own files only", async () => {
    const root = tempDir();
    for (const name of ["app", "web"]) mkdirSync(path.join(root, name));
    await selfAllowingRepo(path.join(root, "app"));
    const web = await createRepo(path.join(root, "web"));
    web.write({ "deploy/.env": `GITHUB_TOKEN=${key}\n` });
    await web.commit("secret", alice);
    const { exitCode, stdout } = await runCli(["scan", "app", "web", "--trust-repo-config", "--format", "json"], { cwd: root });
    expect(exitCode).toBe(1);
    const report = json(stdout);
    expect(report.items.flatMap((i) => i.locations.map((l) => `${l.repository}:${l.path}`))).toEqual(["web:deploy/.env"]);
    expect(report.suppressions).toContainEqual(expect.objectContaining({ repository: "app", reason: "allowlist.paths" }));
    expect(report.warnings.filter((w) => w.reason === "repository-config-ignored")).toEqual([]);
  });

  test("an organisation scan ignores a repository's .nhiscanignore too", async () => {
    const root = tempDir();
    for (const name of ["app", "web"]) mkdirSync(path.join(root, name));
    const app = await createRepo(path.join(root, "app"));
    app.write({ ".nhiscanignore": "*\n", "deploy/.env": `GITHUB_TOKEN=${key}\n` });
    await app.commit("hide", alice);
    await createRepo(path.join(root, "web"));
    const { exitCode, stdout } = await runCli(["scan", "app", "web", "--format", "json"], { cwd: root });
    expect(exitCode).toBe(1);
    expect(json(stdout).warnings).toContainEqual(expect.objectContaining({ path: ".nhiscanignore", reason: "repository-config-ignored", repository: "app" }));
  });
});

describe("pull-request scans read config and ignore files from the base", () => {
  /** main has no config; the branch adds a secret, a config allowlisting it and an ignore file. */
  async function weakeningBranch() {
    const repo = await createRepo();
    repo.write({ "README.md": "app\n" });
    await repo.commit("init", alice);
    await repo.git(["checkout", "-q", "-b", "feature"]);
    repo.write({ ".nhiscan.yml": ALLOW_ALL, ".nhiscanignore": "secrets/\n", "deploy/.env": `GITHUB_TOKEN=${key}\n`, "secrets/ci.env": `TOKEN=${key}\n` });
    await repo.commit("add deploy", alice);
    return repo;
  }

  test("--since main: the change's config does not apply, the secret fails the gate, both files are warned about", async () => {
    const repo = await weakeningBranch();
    const { exitCode, stdout, stderr } = await runCli(["scan", repo.dir, "--since", "main", "--format", "json"]);
    expect(exitCode).toBe(1);
    const report = json(stdout);
    expect(paths(report).sort()).toEqual(["deploy/.env", "secrets/ci.env"]);
    const changed = report.warnings.filter((w) => w.reason === "config-changed-in-range").map((w) => w.path);
    expect(changed.sort()).toEqual([".nhiscan.yml", ".nhiscanignore"]);
    expect(stderr).toMatch(/\.nhiscan\.yml: changed by the range; the base \(main\) version applies/);
  });

  test("the base's config and ignore file do apply, named by revision", async () => {
    const repo = await createRepo();
    repo.write({ ".nhiscan.yml": 'allowlist:\n  paths: ["fixtures/**"]\n', ".nhiscanignore": "vendor/\n" });
    await repo.commit("init", alice);
    await repo.git(["checkout", "-q", "-b", "feature"]);
    const [a, b] = [fakeSecrets(1).githubClassicPat(), fakeSecrets(2).githubClassicPat()];
    repo.write({ "fixtures/a.env": `TOKEN=${a}\n`, "vendor/b.env": `TOKEN=${b}\n`, "app/c.env": `TOKEN=${key}\n` });
    await repo.commit("add", alice);
    const { exitCode, stdout } = await runCli(["scan", repo.dir, "--range", "main..feature", "--format", "json"]);
    expect(exitCode).toBe(1);
    const report = json(stdout);
    expect(paths(report)).toEqual(["app/c.env"]);
    expect(report.suppressions).toContainEqual(expect.objectContaining({ path: "fixtures/a.env", source: ".nhiscan.yml at main: allowlist.paths" }));
    expect(report.warnings.filter((w) => w.reason === "config-changed-in-range")).toEqual([]);
  });

  test("an inline nhiscan:allow the range adds still suppresses, is listed, and fails --fail-on suppression-added", async () => {
    const repo = await createRepo();
    repo.write({ "old.env": `OLD=${fakeSecrets(7).githubClassicPat()} # nhiscan:allow\n` });
    await repo.commit("init", alice);
    await repo.git(["checkout", "-q", "-b", "feature"]);
    repo.write({ "old.env": `OLD=${fakeSecrets(7).githubClassicPat()} # nhiscan:allow\nX=1\n`, "new.env": `TOKEN=${key} # nhiscan:allow\n` });
    await repo.commit("allow", alice);
    const plain = await runCli(["scan", repo.dir, "--since", "main", "--format", "json"]);
    expect(plain.exitCode).toBe(0);
    const listed = json(plain.stdout).suppressions ?? [];
    expect(listed.map((s) => [s.path, s.reason, s.addedInRange])).toEqual(
      expect.arrayContaining([
        ["new.env", "inline-allow", true],
        ["old.env", "inline-allow", false],
      ]),
    );
    const gated = await runCli(["scan", repo.dir, "--since", "main", "--fail-on", "suppression-added", "--format", "json"]);
    expect(gated.exitCode).toBe(1);
    expect(json(gated.stdout).policy.reasons.join("\n")).toMatch(
      /nhiscan:allow added by the range.*1 suppression\(s\), e\.g\. github-classic-pat at new\.env:1/,
    );
  });
});
