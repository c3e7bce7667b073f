import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";
import { writeTree } from "../helpers/tree.js";

const key = fakeSecrets(31).githubClassicPat();

async function twoRepos(): Promise<string> {
  const root = tempDir();
  for (const name of ["api", "web"]) {
    mkdirSync(path.join(root, name));
    const repo = await createRepo(path.join(root, name));
    repo.write({ "config/.env": `TOKEN=${key}\n` });
  }
  return root;
}

const where = (report: ScanReport) => report.items.flatMap((i) => i.locations.map((l) => `${l.repository ?? "-"}:${l.path}`));

describe("scan of several repositories", () => {
  test("several git repositories: paths relative to each, locations tagged, the shared value fails `shared`", async () => {
    const root = await twoRepos();
    const { exitCode, stdout } = await runCli(["scan", "api", "web", "--format", "json"], { cwd: root });
    expect(exitCode).toBe(1);
    const report = JSON.parse(stdout) as ScanReport;
    expect(where(report)).toEqual(["api:config/.env", "web:config/.env"]);
    expect(report.items[0]?.checks.find((c) => c.checkId === "shared")).toMatchObject({ status: "fail", message: expect.stringContaining("2 repositories") });
  });

  test("--repos-file lists repositories one per line, with comments and blank lines", async () => {
    const root = await twoRepos();
    writeTree({ "repos.txt": "# the org\napi\n\n  web  \n" }, root);
    const { exitCode, stdout } = await runCli(["scan", "--repos-file", "repos.txt", "--format", "json"], { cwd: root });
    expect(exitCode).toBe(1);
    expect(where(JSON.parse(stdout) as ScanReport)).toEqual(["api:config/.env", "web:config/.env"]);
  });

  test("several plain folders stay one tree, relative to the current folder", async () => {
    const root = writeTree({ "src/a.env": `TOKEN=${key}\n`, "config/b.env": `TOKEN=${key}\n` });
    const { stdout } = await runCli(["scan", "src", "config", "--format", "json"], { cwd: root });
    expect(where(JSON.parse(stdout) as ScanReport)).toEqual(["-:config/b.env", "-:src/a.env"]);
  });

  test.each([
    ["a missing repos file", "nope.txt", /nope\.txt: cannot read the repositories file/],
    ["an empty repos file", "empty.txt", /empty\.txt: lists no repository paths/],
  ])("%s exits 2", async (_name, file, message) => {
    const root = writeTree({ "empty.txt": "# nothing\n" });
    const { exitCode, stderr } = await runCli(["scan", "--repos-file", file], { cwd: root });
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(message);
  });
});
