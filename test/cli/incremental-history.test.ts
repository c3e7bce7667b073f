import { describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import type { StoredCredential } from "../../src/model/store.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";
import type { TestRepo } from "../helpers/git-repo.js";

const fakes = fakeSecrets(2021);
const [oldToken, keptToken, newToken, branchToken, rewrittenToken] = [
  fakes.githubClassicPat(),
  fakes.npmToken(),
  fakes.slackBotToken(),
  fakes.openAiKey(),
  fakes.githubClassicPat(),
];
const at = (day: number) => ({ name: "Dev", email: "dev@example.com", date: `2026-03-${String(day).padStart(2, "0")}T10:00:00Z` });

async function scan(repo: TestRepo, store: string, incremental: boolean): Promise<{ report: ScanReport; stderr: string }> {
  const args = [
    "scan",
    repo.dir,
    "--history",
    "--store",
    store,
    "--format",
    "json",
    "--fail-on",
    "none",
    "--workers",
    "0",
    ...(incremental ? ["--incremental"] : []),
  ];
  const { exitCode, stdout, stderr } = await runCli(args, { cwd: repo.dir });
  expect(exitCode, stderr).toBe(0);
  return { report: JSON.parse(stdout) as ScanReport, stderr };
}

/** What must not differ between an incremental and a full scan: credentials, their locations and commits. */
const inventoryOf = (report: ScanReport) =>
  report.items.map((item) => ({
    id: item.credentialId,
    inHead: item.inHead,
    grade: item.grade,
    locations: item.locations.map((l) => ({ path: l.path, line: l.line, provenance: l.provenance })),
  }));

async function storedStates(store: string, cwd: string) {
  const { stdout } = await runCli(["inventory", "list", "--store", store, "--format", "json"], { cwd });
  const { credentials } = JSON.parse(stdout) as { credentials: StoredCredential[] };
  return credentials.map((c) => ({
    id: c.credentialId,
    state: c.state,
    firstCommittedAt: c.firstCommittedAt,
    removedInCommit: c.removedInCommit,
    locations: c.locations,
  }));
}

/** Scans the repository into two stores after each step: `--incremental` into one, full into the other. */
async function twinScans(repo: TestRepo) {
  const dir = tempDir();
  const stores = { incremental: `${dir}/incremental.db`, full: `${dir}/full.db` };
  return async () => {
    const incremental = await scan(repo, stores.incremental, true);
    const full = await scan(repo, stores.full, false);
    expect(inventoryOf(incremental.report)).toEqual(inventoryOf(full.report));
    expect(await storedStates(stores.incremental, repo.dir)).toEqual(await storedStates(stores.full, repo.dir));
    return { incremental, full };
  };
}

describe("scan --history --incremental", () => {
  test("reads only the new commits' blobs yet reports what a full scan reports: first commits kept, remediation seen, new paths of old blobs traced", async () => {
    const repo = await createRepo();
    repo.write({ "config/old.env": `TOKEN=${oldToken}\n`, "config/kept.env": `NPM_TOKEN=${keptToken}\n`, "README.md": "# service\n" });
    const first = await repo.commit("initial config", at(1));
    for (let i = 0; i < 20; i++) repo.write({ [`src/module${i}.ts`]: `export const value${i} = ${i};\n` });
    await repo.commit("code", at(2));
    const step = await twinScans(repo);
    await step();

    // New commits: a new credential, the old one removed from HEAD, an old blob copied to a new path, a side branch.
    repo.write({ "deploy/slack.env": `SLACK_TOKEN=${newToken}\n`, "backup/kept.env": `NPM_TOKEN=${keptToken}\n` });
    repo.remove("config/old.env");
    const removal = await repo.commit("rotate: drop the old token, add slack", at(3));
    await repo.git(["checkout", "-q", "-b", "feature"]);
    repo.write({ "feature/ai.env": `OPENAI_API_KEY=${branchToken}\n` });
    await repo.commit("feature", at(4));
    await repo.git(["checkout", "-q", "main"]);
    const { incremental, full } = await step();

    expect(incremental.report.stats.files).toBeLessThan(full.report.stats.files);
    expect(incremental.report.stats.files).toBe(3); // slack.env, ai.env and the copy's blob (listed again by the commit that added the path)
    const old = incremental.report.items.find((i) => i.locations.some((l) => l.path === "config/old.env"));
    expect(old?.inHead).toBe(false);
    const provenance = old?.locations[0]?.provenance;
    expect(provenance?.kind === "git" ? [provenance.introduced?.sha, provenance.removedIn?.sha] : []).toEqual([first, removal]);
    const kept = incremental.report.items.find((i) => i.locations.some((l) => l.path === "config/kept.env"));
    expect(kept?.locations.map((l) => l.path)).toEqual(["backup/kept.env", "config/kept.env"]);

    // Nothing new: nothing read, same inventory.
    const again = await step();
    expect(again.incremental.report.stats.files).toBe(0);
  });

  test("a force-push that rewrote a ref falls back to a full scan, with a warning, and still matches a full scan", async () => {
    const repo = await createRepo();
    repo.write({ "app.env": `TOKEN=${oldToken}\n` });
    const base = await repo.commit("one", at(1));
    repo.write({ "later.env": `NPM_TOKEN=${keptToken}\n` });
    await repo.commit("two", at(2));
    const step = await twinScans(repo);
    await step();

    await repo.git(["reset", "-q", "--hard", base]);
    repo.write({ "rewritten.env": `TOKEN=${rewrittenToken}\n` });
    await repo.commit("two, rewritten", at(3));
    await repo.git(["reflog", "expire", "--expire=now", "--all"]);
    await repo.git(["gc", "-q", "--prune=now"]);
    const { incremental, full } = await step();
    expect(incremental.stderr).toMatch(
      /warning: .*history was rewritten since the last scan \(force-push or deleted branch: HEAD, refs\/heads\/main\): scanned the full history/,
    );
    expect(incremental.report.warnings.map((w) => w.reason)).toContain("incremental-fallback");
    expect(incremental.report.stats.files).toBe(full.report.stats.files);
    expect(incremental.report.items.some((i) => i.locations.some((l) => l.path === "later.env"))).toBe(false);
  });

  test("a repository without commits scans (nothing) incrementally, then its first commits in full", async () => {
    const repo = await createRepo();
    const step = await twinScans(repo);
    expect((await step()).incremental.report.items).toEqual([]);
    repo.write({ "app.env": `TOKEN=${oldToken}\n` });
    await repo.commit("first", at(1));
    expect((await step()).incremental.report.items).toHaveLength(1);
  });

  test.each([
    ["without --history", ["--incremental", "--store", "s.db"]],
    ["without a store", ["--history", "--incremental"]],
  ])("--incremental %s is a usage error (exit 2)", async (_name, args) => {
    const repo = await createRepo();
    const { exitCode, stderr } = await runCli(["scan", ...args], { cwd: repo.dir });
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/--incremental needs --history and a store/);
  });
});
