import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { execa } from "execa";
import { describe, expect, test } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo, signatureEnv } from "../helpers/git-repo.js";

// A real repository and a real `git commit`: the installed hook runs the built bin/nhiscan.js
// (npm test builds first), exactly as it would for a user without nhiscan on PATH.
const who = { name: "Hook Tester", email: "hook@example.com", date: "2025-01-01T00:00:00Z" };
const commit = (dir: string, message: string) =>
  execa("git", ["commit", "-q", "-m", message], {
    cwd: dir,
    reject: false,
    stdin: "ignore",
    env: { GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", NO_COLOR: "1", ...signatureEnv(who) },
  });

describe("nhiscan hook install", () => {
  test("the installed hook blocks a commit that stages a fake secret and lets a clean commit through", async () => {
    const repo = await createRepo();
    const installed = await runCli(["hook", "install"], { cwd: repo.dir });
    expect(installed.exitCode).toBe(0);
    const hook = path.join(repo.dir, ".git", "hooks", "pre-commit");
    expect(statSync(hook).mode & 0o111).not.toBe(0);
    expect(readFileSync(hook, "utf8")).toContain("scan --staged");

    repo.write({ "README.md": "hello\n" });
    await repo.git(["add", "-A"]);
    const clean = await commit(repo.dir, "clean");
    expect(clean.stderr).toContain("No credentials found");
    expect(clean.exitCode).toBe(0);

    const pat = fakeSecrets(5).githubClassicPat();
    repo.write({ "deploy.sh": `#!/bin/sh\nexport GITHUB_TOKEN=${pat}\n` });
    await repo.git(["add", "-A"]);
    const blocked = await commit(repo.dir, "leak");
    expect(blocked.exitCode).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain("deploy.sh");
    expect(blocked.stdout + blocked.stderr).not.toContain(pat);
    expect((await repo.git(["log", "--format=%s"])).trim()).toBe("clean");
  });

  test("refuses to overwrite another hook without --force (exit 2 with a hint), replaces it with --force", async () => {
    const repo = await createRepo();
    const hook = path.join(repo.dir, ".git", "hooks", "pre-commit");
    writeFileSync(hook, "#!/bin/sh\necho mine\n", { mode: 0o755 });
    const refused = await runCli(["hook", "install"], { cwd: repo.dir });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain("a pre-commit hook already exists");
    expect(refused.stderr).toMatch(/hint: .*--force/);
    expect(readFileSync(hook, "utf8")).toBe("#!/bin/sh\necho mine\n");
    expect((await runCli(["hook", "install", "--force"], { cwd: repo.dir })).exitCode).toBe(0);
    expect(readFileSync(hook, "utf8")).toContain("nhiscan scan --staged");
    const again = await runCli(["hook", "install"], { cwd: repo.dir });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain("already installed");
  });

  test("outside a git repository it is a usage error", async () => {
    const { exitCode, stderr } = await runCli(["hook", "install"], { cwd: tempDir() });
    expect(exitCode).toBe(2);
    expect(stderr).toContain("not a git repository");
  });
});
