import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";
import type { TestRepo } from "../helpers/git-repo.js";
import { listStore, nhiscan, withoutRunTimes } from "../helpers/org.js";
import { freshDatabase, tableCounts } from "../helpers/postgres.js";

// The same scans and hand-made changes on both backends give the same inventory and trend; a
// copy SQLite -> PostgreSQL -> SQLite is exact, down to every report format of `report --store`.
const f = fakeSecrets(3131);
const ALICE = { name: "Alice", email: "alice@example.com", date: "2025-01-01T10:00:00Z" };
const BOB = { name: "Bob", email: "bob@example.com", date: "2025-03-12T10:00:00Z" };
const ACTOR = { NHISCAN_ACTOR: "secops@example.com" };

let repo: TestRepo;
let sqlite: string;
let postgres: string;

/** The same step on both stores. */
async function onBoth(args: (store: string) => string[], expected: number): Promise<void> {
  for (const store of [sqlite, postgres]) {
    const run = await nhiscan(args(store), ACTOR);
    expect(run.exitCode, String(run.stderr)).toBe(expected);
  }
}

const trendOf = async (store: string) => {
  const run = await runCli(["trend", "--store", store, "--format", "json"]);
  expect(run.exitCode, String(run.stderr)).toBe(0);
  const { store: _label, ...trend } = JSON.parse(String(run.stdout)) as { store: string; scans: { at: string; scanId: string }[] };
  return trend;
};

beforeAll(async () => {
  repo = await createRepo();
  repo.write({ "config/a.env": `GITHUB_TOKEN=${f.githubClassicPat()}\n`, "ci/deploy.yml": `env:\n  STRIPE_KEY: ${f.stripeLiveKey()}\n` });
  await repo.commit("add config", ALICE);
  sqlite = path.join(tempDir("nhiscan-parity-"), "inventory.db");
  postgres = await freshDatabase();
  await onBoth((store) => ["scan", repo.dir, "--store", store, "--quiet"], 1);
  repo.remove("config/a.env");
  repo.write({ "billing/b.env": `SLACK_TOKEN=${f.slackBotToken()}\n` });
  await repo.commit("move to vault, add billing", BOB);
  await onBoth((store) => ["scan", repo.dir, "--store", store, "--quiet"], 1);
  await onBoth((store) => ["scan", repo.dir, "--history", "--store", store, "--quiet"], 1);
  const open = (await listStore(sqlite)).filter((c) => c.state === "open").map((c) => c.credentialId.slice(0, 10));
  await onBoth((store) => ["inventory", "set", open[0] ?? "", "--store", store, "--state", "accepted", "--owner", "team-payments", "--note", "test key"], 0);
}, 120_000);

describe("SQLite and PostgreSQL agree", () => {
  test("inventory list --format json is identical for the same scans and changes (but for run times)", async () => {
    const fromSqlite = await listStore(sqlite);
    expect(fromSqlite.map((c) => c.state).sort()).toEqual(["accepted", "open", "remediated"]);
    expect(withoutRunTimes(await listStore(postgres))).toEqual(withoutRunTimes(fromSqlite));
  });

  test("trend is identical (but for run times and scan ids)", async () => {
    const strip = (t: Awaited<ReturnType<typeof trendOf>>) => t.scans.map(({ at: _at, scanId: _id, ...row }) => row);
    const fromSqlite = await trendOf(sqlite);
    expect(fromSqlite.scans).toHaveLength(3);
    expect(strip(await trendOf(postgres))).toEqual(strip(fromSqlite));
  });
});

describe("store export and import", () => {
  let copyPg: string;
  let copyBack: string;

  beforeAll(async () => {
    copyPg = await freshDatabase();
    copyBack = path.join(tempDir("nhiscan-parity-"), "back.db");
    expect((await nhiscan(["store", "export", copyPg, "--store", sqlite])).exitCode).toBe(0);
    expect((await nhiscan(["store", "export", copyBack, "--store", copyPg])).exitCode).toBe(0);
  }, 60_000);

  test("SQLite -> PostgreSQL -> SQLite round-trips exactly: inventory, trend, table counts", async () => {
    const list = JSON.stringify(await listStore(sqlite));
    expect(JSON.stringify(await listStore(copyPg))).toBe(list);
    expect(JSON.stringify(await listStore(copyBack))).toBe(list);
    const trend = await trendOf(sqlite);
    expect(await trendOf(copyPg)).toEqual(trend);
    expect(await trendOf(copyBack)).toEqual(trend);
    expect(await tableCounts(copyPg)).toMatchObject({ scans: 3 });
  });

  test.each(["table", "json", "sarif", "csv", "junit", "markdown", "html"])("report --store --format %s is the same from all three stores", async (format) => {
    const render = async (store: string) => {
      const run = await runCli(["report", "--store", store, "--format", format]);
      expect(run.exitCode, String(run.stderr)).toBe(0);
      return String(run.stdout);
    };
    const original = await render(sqlite);
    expect(original).toContain(format === "html" ? "<html" : "");
    expect(await render(copyPg)).toBe(original);
    expect(await render(copyBack)).toBe(original);
  });

  test("importing the same store again adds nothing", async () => {
    const before = await tableCounts(copyPg);
    const again = await nhiscan(["store", "import", sqlite, "--store", copyPg]);
    expect(again.exitCode, String(again.stderr)).toBe(0);
    expect(String(again.stderr)).toMatch(/0 scan\(s\) \(3 already there\)/);
    expect(await tableCounts(copyPg)).toEqual(before);
  });
});
