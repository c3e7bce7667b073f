import { beforeAll, describe, expect, test } from "vitest";
import { scan } from "../../src/api/scan.js";
import type { InventoryItem } from "../../src/model/inventory.js";
import type { ScanReport } from "../../src/model/report.js";
import { runCli } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";

// Lifecycle facts on real temporary repositories: ages from the introducing commit, sharing across
// files and environments, history-only values, and the --fail-on missing-owner gate.

const fake = fakeSecrets(8802);
const alice = { name: "Alice", email: "alice@example.test", date: "2023-01-10T09:00:00+00:00" };
const bob = { name: "Bob", email: "bob@example.test", date: "2024-12-01T09:00:00+00:00" };
const NOW = new Date("2025-01-15T12:00:00Z");

const checkOf = (item: InventoryItem | undefined, id: string) => item?.checks.filter((c) => c.checkId === id) ?? [];
const itemAt = (report: ScanReport, path: string) => report.items.find((i) => i.locations.some((l) => l.path === path));

describe("committed-value age and authors of a working-tree value", () => {
  const pat = fake.githubClassicPat();
  let report: ScanReport;
  let introducedIn: string;
  let editedIn: string;
  beforeAll(async () => {
    const repo = await createRepo();
    repo.write({ "config/app.env": `LOG=info\nTOKEN=${pat}\n` });
    introducedIn = await repo.commit("add token", alice);
    // Bob edits the line but keeps the value: the value is still Alice's, from 2023.
    repo.write({ "config/app.env": `LOG=info\nTOKEN=${pat} # used by the billing job\n` });
    editedIn = await repo.commit("document token", bob);
    report = await scan({ paths: [repo.dir], now: NOW, workers: 0 });
  });

  test("the location carries the line's last change and the value's introducing commit", () => {
    expect(itemAt(report, "config/app.env")?.locations[0]?.provenance).toEqual({
      kind: "file",
      lastChange: { sha: editedIn, author: "Bob", email: bob.email, date: bob.date },
      introduced: { sha: introducedIn, author: "Alice", email: alice.email, date: alice.date },
    });
  });

  test("rotation-age counts from the introducing commit", () => {
    expect(checkOf(itemAt(report, "config/app.env"), "rotation-age")).toEqual([
      expect.objectContaining({
        status: "fail",
        owasp: "NHI7:2025",
        message: expect.stringMatching(new RegExp(`^committed-value age 736 days \\(since ${introducedIn.slice(0, 8)} on 2023-01-10\\)`)),
      }),
    ]);
  });

  test("both authors are hints; the active one answers for it", () => {
    const item = itemAt(report, "config/app.env");
    expect(item?.ownerHints.map((h) => [h.value, h.confidence, h.lastActive])).toEqual([
      ["Alice <alice@example.test>", "medium", alice.date],
      ["Bob <bob@example.test>", "low", bob.date],
    ]);
    expect(checkOf(item, "missing-owner")[0]).toMatchObject({ status: "pass", message: expect.stringMatching(/^active author Bob/) });
  });
});

describe("one value in two files and two environments", () => {
  test("is one item, flagged shared and cross-environment once each", async () => {
    const pat = fake.githubClassicPat();
    const repo = await createRepo();
    repo.write({ "deploy/.env.production": `GITHUB_TOKEN=${pat}\n`, "deploy/.env.staging": `GITHUB_TOKEN=${pat}\n` });
    await repo.commit("deploy config", alice);
    const report = await scan({ paths: [repo.dir], now: NOW, workers: 0 });
    expect(report.items).toHaveLength(1);
    const [item] = report.items;
    expect(item?.locations.map((l) => l.path)).toEqual(["deploy/.env.production", "deploy/.env.staging"]);
    expect(item?.environments).toEqual(["production", "staging"]);
    expect(checkOf(item, "shared")).toEqual([expect.objectContaining({ status: "fail", owasp: "NHI9:2025" })]);
    expect(checkOf(item, "cross-environment")).toEqual([
      expect.objectContaining({ status: "fail", owasp: "NHI8:2025", message: "same value in production and staging locations" }),
    ]);
    expect(report.summary?.byCheck).toMatchObject({ shared: 1, "cross-environment": 1 });
  });

  test("a literal in a workflow's env is used by each job's CI environment", async () => {
    const pat = fake.githubClassicPat();
    const repo = await createRepo();
    const workflow = [
      "on: push",
      "env:",
      `  TOKEN: ${pat}`,
      "jobs:",
      "  ship:",
      "    environment: production",
      "    runs-on: x",
      "  preview:",
      "    environment: { name: staging }",
      "    runs-on: x",
      "",
    ];
    repo.write({ ".github/workflows/deploy.yml": workflow.join("\n") });
    await repo.commit("workflow", alice);
    const [item] = (await scan({ paths: [repo.dir], now: NOW, workers: 0 })).items;
    expect(item?.environments).toEqual(["production", "staging"]);
    expect(checkOf(item, "cross-environment")[0]?.status).toBe("fail");
    expect(checkOf(item, "plaintext-in-ci")[0]?.status).toBe("fail");
  });
});

describe("a value removed from HEAD", () => {
  test("--history grades it history-only, aged from the commit that introduced it", async () => {
    const pat = fake.githubClassicPat();
    const repo = await createRepo();
    repo.write({ "scripts/release.sh": `export GITHUB_TOKEN=${pat}\n`, "README.md": "hi\n" });
    const introducedIn = await repo.commit("release script", alice);
    repo.remove("scripts/release.sh");
    await repo.commit("remove the token", bob);
    const report = await scan({ paths: [repo.dir], history: true, now: NOW, workers: 0 });
    const item = itemAt(report, "scripts/release.sh");
    expect(item?.inHead).toBe(false);
    expect(checkOf(item, "history-only")[0]).toMatchObject({
      status: "fail",
      owasp: "NHI2:2025",
      message: expect.stringMatching(/^deleting is not revoking: removed in [0-9a-f]{8} on 2024-12-01/),
    });
    expect(checkOf(item, "rotation-age")[0]?.message).toMatch(new RegExp(`^committed-value age 736 days \\(since ${introducedIn.slice(0, 8)}`));
    expect(item?.ownerHints).toEqual([expect.objectContaining({ source: "git-author", value: "Alice <alice@example.test>", lastActive: alice.date })]);
  });
});

describe("--fail-on missing-owner", () => {
  const today = () => ({ name: "Dana", email: "dana@example.test", date: new Date().toISOString() });

  async function repoWith(files: Record<string, string>, who = alice): Promise<string> {
    const repo = await createRepo();
    repo.write(files);
    await repo.commit("init", who);
    return repo.dir;
  }

  test("exits 1 when a credential has no owner hint, naming the check", async () => {
    const dir = await repoWith({
      "app.env": `TOKEN=${fake.githubClassicPat()}\n`,
      "owned/app.env": `TOKEN=${fake.githubClassicPat()}\n`,
      CODEOWNERS: "/owned/ @acme/team\n",
    });
    const { exitCode, stdout } = await runCli(["scan", dir, "--fail-on", "missing-owner"]);
    expect(exitCode).toBe(1);
    expect(stdout).toMatch(/failed check missing-owner: 1 credential\(s\), e\.g\. .* at app\.env/);
  });

  test.each([
    ["CODEOWNERS covers every location", { "app.env": "", CODEOWNERS: "* @acme/team\n" }, alice],
    ["the config owners: fallback covers it", { "app.env": "", ".nhiscan.yml": 'owners:\n  "**": "@acme/fallback"\n' }, alice],
    ["its author is still active", { "app.env": "" }, today()],
  ])("exits 0 when %s", async (_name, files, who) => {
    const dir = await repoWith({ ...files, "app.env": `TOKEN=${fake.githubClassicPat()}\n` }, who);
    const { exitCode, stdout } = await runCli(["scan", dir, "--fail-on", "missing-owner", "--format", "json"]);
    expect(exitCode).toBe(0);
    expect((JSON.parse(stdout) as ScanReport).items).toHaveLength(1);
  });
});
