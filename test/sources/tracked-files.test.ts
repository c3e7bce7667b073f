import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo, signatureEnv } from "../helpers/git-repo.js";
import type { TestRepo } from "../helpers/git-repo.js";

const fake = fakeSecrets(2101);
const who = { name: "Dev", email: "dev@example.com", date: "2024-01-02T03:04:05Z" };

/** A repository whose `.gitignore` says `*`, its files added with `git add -f`, plus an untracked ignored file. */
async function hiddenRepo(): Promise<{ repo: TestRepo; tracked: string[]; untracked: string }> {
  const repo = await createRepo();
  const tracked = [fake.githubClassicPat(), fake.githubClassicPat()];
  const untracked = fake.githubClassicPat();
  repo.write({ ".gitignore": "*\n", "app.env": `GITHUB_TOKEN=${tracked[0]}\n`, "deploy/ci.env": `GITHUB_TOKEN=${tracked[1]}\n` });
  await repo.git(["add", "-f", ".gitignore", "app.env", "deploy/ci.env"]);
  await repo.git(["commit", "-q", "-m", "forced"], { env: signatureEnv(who) });
  repo.write({ "local.env": `GITHUB_TOKEN=${untracked}\n`, "deploy/local.env": `GITHUB_TOKEN=${untracked}\n` });
  return { repo, tracked, untracked };
}

async function scanJson(argv: string[]): Promise<ScanReport> {
  const { exitCode, stdout, stderr } = await runCli(["scan", ...argv, "--format", "json"]);
  expect([0, 1], stderr).toContain(exitCode);
  return JSON.parse(stdout) as ScanReport;
}

const paths = (report: ScanReport) => report.items.flatMap((i) => i.locations.map((l) => l.path)).sort();

describe("tracked files are content whatever .gitignore says", () => {
  test("a plain scan finds files added with git add -f under a `*` .gitignore; ignored untracked files are counted", async () => {
    const { repo } = await hiddenRepo();
    const report = await scanJson([repo.dir]);
    expect(paths(report)).toEqual(["app.env", "deploy/ci.env"]);
    expect(report.stats.files).toBe(3);
    expect(report.stats.skipped.ignored).toBe(2);
    const ignored = report.warnings
      .filter((w) => w.reason === "ignored")
      .map((w) => `${w.path} ${w.detail ?? ""}`)
      .sort();
    expect(ignored).toEqual(["deploy/local.env matched by .gitignore, not tracked", "local.env matched by .gitignore, not tracked"]);
  });

  test("an organisation scan (--repos-file) does the same", async () => {
    const { repo } = await hiddenRepo();
    const list = path.join(tempDir(), "repos.txt");
    writeFileSync(list, `${repo.dir}\n`);
    const report = await scanJson(["--repos-file", list]);
    expect(paths(report)).toEqual(["app.env", "deploy/ci.env"]);
    expect(report.stats.skipped.ignored).toBe(2);
  });

  test("a tracked folder under an ignored parent is walked for its tracked files only; .nhiscanignore still applies to tracked files", async () => {
    const repo = await createRepo();
    const [kept, hidden, untracked] = [fake.githubClassicPat(), fake.githubClassicPat(), fake.githubClassicPat()];
    repo.write({ ".gitignore": "build/\n", ".nhiscanignore": "vendor/\n", "build/out/keep.env": `T=${kept}\n`, "vendor/lib.env": `T=${hidden}\n` });
    await repo.git(["add", "-f", "."]);
    await repo.git(["commit", "-q", "-m", "x"], { env: signatureEnv(who) });
    repo.write({ "build/out/new.env": `T=${untracked}\n`, "build/cache/c.env": `T=${untracked}\n` });
    const report = await scanJson([repo.dir]);
    expect(paths(report)).toEqual(["build/out/keep.env"]);
    const ignored = report.warnings
      .filter((w) => w.reason === "ignored")
      .map((w) => w.path)
      .sort();
    expect(ignored).toEqual(["build/cache/", "build/out/new.env", "vendor/"]);
  });

  test("outside a git work tree .gitignore still applies, and is counted", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, ".gitignore"), "*.env\n");
    writeFileSync(path.join(dir, "a.env"), `T=${fake.githubClassicPat()}\n`);
    const report = await scanJson([dir]);
    expect(report.items).toEqual([]);
    expect(report.warnings).toContainEqual({ path: "a.env", reason: "ignored", detail: "matched by .gitignore" });
  });
});
