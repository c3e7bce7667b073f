import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo, runGit } from "../helpers/git-repo.js";
import type { TestRepo } from "../helpers/git-repo.js";

const fake = fakeSecrets(4009);
const [removed, kept] = [fake.githubClassicPat(), fake.npmToken()];
const alice = { name: "Alice", email: "alice@example.test", date: "2024-01-01T09:00:00+00:00" };
const bob = { name: "Bob", email: "bob@example.test", date: "2024-02-01T09:00:00+00:00" };

describe("nhiscan scan with git modes", () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await createRepo();
    repo.write({ "ci/deploy.sh": `export GITHUB_TOKEN=${removed}\n`, ".npmrc": `//registry.npmjs.org/:_authToken=${kept}\n` });
    await repo.commit("add deploy", alice);
    repo.remove("ci/deploy.sh");
    await repo.commit("remove deploy script", bob);
  });

  test("--history finds a secret deleted from the tree, with its commit, and exits 1", async () => {
    const { exitCode, stdout, stderr } = await runCli(["scan", "--history", repo.dir, "--format", "json"]);
    expect(exitCode).toBe(1);
    const report = JSON.parse(stdout) as ScanReport;
    const location = report.items.flatMap((i) => i.locations).find((l) => l.path === "ci/deploy.sh");
    expect(location?.provenance).toMatchObject({ kind: "git", inHead: false, introduced: { author: "Alice", date: alice.date }, removedIn: { author: "Bob" } });
    expect(report.items.find((i) => i.locations.some((l) => l.path === ".npmrc"))?.inHead).toBe(true);
    expect(stdout + stderr).not.toContain(removed);
  });

  test("the table names the history locations", async () => {
    const { exitCode, stdout } = await runCli(["scan", repo.dir, "--history"]);
    expect(exitCode).toBe(1);
    expect(stdout).toContain("ci/deploy.sh");
  });

  test("--history on a folder that is not a repository: exit 2, one line, no stack", async () => {
    const { exitCode, stderr } = await runCli(["scan", "--history", tempDir()]);
    expect(exitCode).toBe(2);
    const [first, ...rest] = stderr.trim().split("\n");
    expect(first).toMatch(/^nhiscan: .*: not a git repository \(--history needs one\)$/);
    expect(rest.every((line) => line.startsWith("  hint:"))).toBe(true);
  });

  test.each([[["--history", "--staged"]], [["--since", "HEAD", "--range", "a..b"]], [["--staged", "--since", "HEAD"]]])(
    "git modes are mutually exclusive: %j exits 2",
    async (flags) => {
      const { exitCode, stderr } = await runCli(["scan", repo.dir, ...flags]);
      expect(exitCode).toBe(2);
      expect(stderr).toMatch(/cannot be used with/);
    },
  );

  test("--since with an unknown revision exits 2", async () => {
    const { exitCode, stderr } = await runCli(["scan", repo.dir, "--since", "no-such-rev"]);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/--since no-such-rev: unknown revision/);
  });

  test("--staged exits 0 when the staged change adds no secret", async () => {
    repo.write({ "README.md": "hello\n" });
    await repo.git(["add", "README.md"]);
    const { exitCode } = await runCli(["scan", repo.dir, "--staged", "--format", "json"]);
    expect(exitCode).toBe(0);
  });

  test("a shallow clone prints a partial-history warning on stderr, and not with --quiet", async () => {
    const shallow = path.join(tempDir(), "shallow");
    await runGit(repo.dir, ["clone", "-q", "--depth", "1", `file://${repo.dir}`, shallow]);
    const loud = await runCli(["scan", shallow, "--history", "--format", "json"]);
    expect(loud.stderr).toMatch(/warning: shallow clone/);
    const quiet = await runCli(["scan", shallow, "--history", "--format", "json", "--quiet"]);
    expect(quiet.stderr).toBe("");
  });
});
