import { readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo, runGit } from "../helpers/git-repo.js";
import { writeTree } from "../helpers/tree.js";

const who = { name: "Broken Repo", email: "broken@example.test", date: "2025-03-01T10:00:00Z" };
const fake = fakeSecrets(404);

/** The contract for broken git input: a clear one-line error (2 or 3) or a complete scan, never a stack trace. */
function expectClean(result: { exitCode: number; stderr: string }, allowed: number[]): void {
  expect(allowed).toContain(result.exitCode);
  expect(result.stderr).not.toMatch(/\n\s+at |unexpected error|Maximum call stack/);
}

describe("broken git input", () => {
  test("a corrupted loose object: a one-line runtime error, or a scan of what is readable", async () => {
    const repo = await createRepo();
    repo.write({ "a.env": `TOKEN=${fake.githubClassicPat()}\n`, "b.txt": "plain\n" });
    await repo.commit("one", who);
    const blob = (await repo.git(["rev-parse", "HEAD:b.txt"])).trim();
    const file = path.join(repo.dir, ".git", "objects", blob.slice(0, 2), blob.slice(2));
    rmSync(file, { force: true });
    writeFileSync(file, "this is not a zlib stream");
    const result = await runCli(["scan", repo.dir, "--history", "--format", "json"]);
    expectClean(result, [0, 1, 3]);
    if (result.exitCode === 3) expect(result.stderr.trim().split("\n")[0]).toMatch(/^nhiscan: /);
  });

  test("a missing packfile: a one-line runtime error", async () => {
    const repo = await createRepo();
    repo.write({ "a.env": `TOKEN=${fake.githubClassicPat()}\n` });
    await repo.commit("one", who);
    await repo.git(["gc", "-q"]);
    const packDir = path.join(repo.dir, ".git", "objects", "pack");
    for (const name of readdirSync(packDir).filter((n) => n.endsWith(".pack"))) rmSync(path.join(packDir, name));
    const result = await runCli(["scan", repo.dir, "--history"]);
    expectClean(result, [0, 1, 2, 3]);
    expect(result.stderr).toMatch(/^nhiscan: /m);
  });

  test("an empty repository with an unborn HEAD scans clean in every mode", async () => {
    const repo = await createRepo();
    for (const mode of [["--history"], ["--staged"], []]) {
      const result = await runCli(["scan", repo.dir, ...mode, "--format", "json"]);
      expectClean(result, [0]);
    }
  });

  test("--history on a folder that is not a repository is a usage error in one line", async () => {
    const dir = writeTree({ "a.txt": "x" });
    const result = await runCli(["scan", dir, "--history"]);
    expectClean(result, [2]);
    expect(result.stderr.trim().split("\n")[0]).toMatch(/^nhiscan: .*not a git repository|^nhiscan: .*git/i);
  });

  test("a repository whose HEAD names a missing branch still scans its other refs", async () => {
    const repo = await createRepo();
    repo.write({ "a.env": `TOKEN=${fake.githubClassicPat()}\n` });
    await repo.commit("one", who);
    await runGit(repo.dir, ["symbolic-ref", "HEAD", "refs/heads/gone"]);
    const result = await runCli(["scan", repo.dir, "--history", "--format", "json"]);
    expectClean(result, [0, 1]);
  });
});
