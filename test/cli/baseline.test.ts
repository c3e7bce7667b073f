import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { Baseline } from "../../src/model/baseline.js";
import type { ScanReport } from "../../src/model/report.js";
import { runCli } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";
import { writeTree } from "../helpers/tree.js";

const fake = fakeSecrets(21);
const pat = fake.githubClassicPat();
const other = fake.githubClassicPat();
const BASELINE = ".nhiscan-baseline.json";

const scanJson = async (dir: string, ...flags: string[]) => {
  const { exitCode, stdout, stderr } = await runCli(["scan", ".", "--format", "json", ...flags], { cwd: dir });
  return { exitCode, stderr, report: JSON.parse(stdout === "" ? "null" : stdout) as ScanReport };
};
const readBaselineFile = (dir: string) => JSON.parse(readFileSync(path.join(dir, BASELINE), "utf8")) as Baseline;

describe("nhiscan baseline create", () => {
  test("writes credential ids, redacted previews, rule ids and reasons (mode 0600), never the value", async () => {
    const dir = writeTree({ "config/app.env": `A=1\nTOKEN=${pat}\n` });
    const { exitCode, stderr } = await runCli(["baseline", "create"], { cwd: dir });
    expect(exitCode).toBe(0);
    expect(stderr).toContain("1 accepted credential(s), 1 new");
    const text = readFileSync(path.join(dir, BASELINE), "utf8");
    expect(text).not.toContain(pat);
    expect(statSync(path.join(dir, BASELINE)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(text)).toMatchObject({
      version: 1,
      entries: [
        {
          credentialId: expect.stringMatching(/^[0-9a-f]{32}$/),
          preview: expect.stringContaining("chars"),
          ruleIds: ["github-classic-pat"],
          reason: "accepted at creation",
          seenAt: ["config/app.env:2"],
        },
      ],
    });
  });

  test("re-creating keeps existing entries with their annotations and adds new ones", async () => {
    const dir = writeTree({ "a.env": `TOKEN=${pat}\n` });
    await runCli(["baseline", "create", "--output", "accepted.json"], { cwd: dir });
    const first = JSON.parse(readFileSync(path.join(dir, "accepted.json"), "utf8")) as Baseline;
    writeFileSync(path.join(dir, "accepted.json"), JSON.stringify({ ...first, entries: first.entries.map((e) => ({ ...e, reason: "test fixture" })) }));
    writeFileSync(path.join(dir, "b.env"), `TOKEN=${other}\n`);
    expect((await runCli(["baseline", "create", "--output", "accepted.json"], { cwd: dir })).exitCode).toBe(0);
    const second = JSON.parse(readFileSync(path.join(dir, "accepted.json"), "utf8")) as Baseline;
    expect(second.entries.map((e) => e.reason)).toEqual(["test fixture", "accepted at creation"]);
  });
});

test("baseline create --history accepts what the history holds", async () => {
  const repo = await createRepo();
  repo.write({ "deploy.env": `TOKEN=${pat}\n` });
  await repo.commit("add token", { name: "Ops", email: "ops@example.com", date: "2024-01-01T00:00:00Z" });
  repo.remove("deploy.env");
  await repo.commit("remove token", { name: "Ops", email: "ops@example.com", date: "2024-02-01T00:00:00Z" });
  expect((await runCli(["baseline", "create", "--history"], { cwd: repo.dir })).exitCode).toBe(0);
  expect(readBaselineFile(repo.dir).entries).toHaveLength(1);
  expect((await scanJson(repo.dir, "--history", "--baseline", BASELINE)).exitCode).toBe(0);
});

describe("scan --baseline", () => {
  test("suppresses a baselined secret when lines are inserted above it and when it moves to another file", async () => {
    const dir = writeTree({ "config/app.env": `A=1\nTOKEN=${pat}\n` });
    expect((await runCli(["baseline", "create"], { cwd: dir })).exitCode).toBe(0);

    const same = await scanJson(dir, "--baseline", BASELINE);
    expect(same.report.items).toEqual([]);
    expect(same.report.stats.suppressed).toMatchObject({ baseline: 1 });
    expect(same.exitCode).toBe(0);

    writeFileSync(path.join(dir, "config/app.env"), `# added\n# lines\n\nA=1\nTOKEN=${pat}\n`);
    expect((await scanJson(dir, "--baseline", BASELINE)).exitCode).toBe(0);

    rmSync(path.join(dir, "config/app.env"));
    writeTree({ "src/moved.ts": `export const token = "${pat}";\n`, "deploy/copy.sh": `T=${pat}\n` }, dir);
    const moved = await scanJson(dir, "--baseline", BASELINE);
    expect(moved.report.items).toEqual([]);
    expect(moved.report.stats.suppressed).toMatchObject({ baseline: 2 });
    expect(moved.exitCode).toBe(0);
  });

  test("a new secret on the baselined line is reported", async () => {
    const dir = writeTree({ "config/app.env": `A=1\nTOKEN=${pat}\n` });
    await runCli(["baseline", "create"], { cwd: dir });
    writeFileSync(path.join(dir, "config/app.env"), `A=1\nTOKEN=${other}\n`);
    const { exitCode, report } = await scanJson(dir, "--baseline", BASELINE);
    expect(exitCode).toBe(1);
    expect(report.items.map((i) => `${i.locations[0]?.path}:${i.locations[0]?.line}`)).toEqual(["config/app.env:2"]);
    expect(report.items[0]?.credentialId).not.toBe(readBaselineFile(dir).entries[0]?.credentialId);
  });

  test("the config's `baseline:` key works like the flag", async () => {
    const dir = writeTree({ "app.env": `TOKEN=${pat}\n` });
    await runCli(["baseline", "create"], { cwd: dir });
    writeFileSync(path.join(dir, ".nhiscan.yml"), `baseline: ${BASELINE}\n`);
    expect((await scanJson(dir)).exitCode).toBe(0);
  });

  test.each([
    ["a missing file", null, /cannot read baseline file \(no such file\)/],
    ["invalid JSON", "{", /expected a JSON baseline file/],
    [
      "a status without a date",
      JSON.stringify({ version: 1, createdAt: "x", tool: "t", entries: [{ credentialId: "ab".repeat(16), preview: "p", status: "rotated" }] }),
      /entries\[0\]\.date: expected a date with status/,
    ],
    [
      "an unknown status",
      JSON.stringify({ version: 1, createdAt: "x", tool: "t", entries: [{ credentialId: "ab".repeat(16), preview: "p", status: "lost", date: "2024-01-01" }] }),
      /entries\[0\]\.status/,
    ],
  ])("a baseline with %s exits 2 naming the file", async (_name, content, message) => {
    const dir = writeTree({ "a.txt": "x", ...(content === null ? {} : { [BASELINE]: content }) });
    const { exitCode, stderr } = await runCli(["scan", ".", "--baseline", BASELINE], { cwd: dir });
    expect(exitCode).toBe(2);
    expect(stderr).toContain(BASELINE);
    expect(stderr).toMatch(message);
  });
});

describe("rotated and revoked entries", () => {
  const who = { name: "Ops", email: "ops@example.com", date: "2024-01-01T00:00:00Z" };

  async function historyOnlyRepo() {
    const repo = await createRepo();
    repo.write({ "deploy.env": `TOKEN=${pat}\n` });
    await repo.commit("add token", who);
    repo.remove("deploy.env");
    await repo.commit("remove token", { ...who, date: "2024-02-01T00:00:00Z" });
    return repo;
  }

  function annotate(dir: string, status: string, date: string, credentialId: string) {
    const baseline: Baseline = {
      version: 1,
      createdAt: "2024-03-01T00:00:00Z",
      tool: "test",
      entries: [{ credentialId, preview: "ghp_…", ruleIds: [], reason: "rotated by on-call" }],
    };
    writeFileSync(path.join(dir, BASELINE), JSON.stringify({ ...baseline, entries: baseline.entries.map((e) => ({ ...e, status, date })) }));
  }

  test("once rotated, history-only occurrences stop failing but stay in the inventory; before the date they fail", async () => {
    const repo = await historyOnlyRepo();
    const before = await scanJson(repo.dir, "--history");
    expect(before.exitCode).toBe(1);
    const id = before.report.items[0]?.credentialId ?? "";
    annotate(repo.dir, "rotated", "2024-03-01", id);
    const after = await scanJson(repo.dir, "--history", "--baseline", BASELINE);
    expect(after.report.items.map((i) => i.baseline)).toEqual([{ status: "rotated", date: "2024-03-01", reason: "rotated by on-call" }]);
    expect(after.report.policy.failed).toBe(false);
    expect(after.exitCode).toBe(0);
    annotate(repo.dir, "revoked", "2999-01-01", id);
    expect((await scanJson(repo.dir, "--history", "--baseline", BASELINE)).exitCode).toBe(1);
  });

  test("a rotated credential that is back in the working tree still fails", async () => {
    const dir = writeTree({ "app.env": `TOKEN=${pat}\n` });
    const id = (await scanJson(dir)).report.items[0]?.credentialId ?? "";
    annotate(dir, "rotated", "2024-03-01", id);
    const { exitCode, report } = await scanJson(dir, "--baseline", BASELINE);
    expect(report.items[0]?.baseline?.status).toBe("rotated");
    expect(exitCode).toBe(1);
  });
});
