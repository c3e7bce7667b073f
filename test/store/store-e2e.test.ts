import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, test } from "vitest";
import type { StoredCredential, TrendRow } from "../../src/model/store.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";
import type { TestRepo } from "../helpers/git-repo.js";
import { writeTree } from "../helpers/tree.js";

// The issue's own judgement, end to end through the CLI: a real repository with dated commits,
// real SQLite files. Credential A is committed on 1 January and removed on 12 March (70 days);
// credential B arrives in the removing commit.
const f = fakeSecrets(1414);
const tokenA = f.githubClassicPat();
const keyB = f.stripeLiveKey();
const ALICE = { name: "Alice", email: "alice@example.com", date: "2025-01-01T10:00:00Z" };
const BOB = { name: "Bob", email: "bob@example.com", date: "2025-03-12T10:00:00Z" };
const ACTOR = { NHISCAN_ACTOR: "secops@example.com" };

let repo: TestRepo;
let store: string;
let removingCommit: string;

const list = async (db: string, extra: string[] = []) => {
  const result = await runCli(["inventory", "list", "--store", db, "--format", "json", ...extra]);
  expect(result.exitCode, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { credentials: StoredCredential[] }).credentials;
};
const trend = async (db: string) => {
  const result = await runCli(["trend", "--store", db, "--format", "json"]);
  expect(result.exitCode, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { scans: TrendRow[] }).scans;
};
const byPreview = (credentials: readonly StoredCredential[], secret: string) => credentials.find((c) => c.preview.startsWith(secret.slice(0, 4)));
/** Every byte of the store, the write-ahead log included. */
const storeBytes = (db: string) => Buffer.concat([db, `${db}-wal`].filter(existsSync).map((file) => readFileSync(file)));

beforeAll(async () => {
  repo = await createRepo();
  repo.write({ "config/a.env": `GITHUB_TOKEN=${tokenA}\n`, "README.md": "demo\n" });
  await repo.commit("add config", ALICE);
  store = path.join(tempDir("nhiscan-store-"), "inventory.db");
  const first = await runCli(["scan", repo.dir, "--store", store, "--format", "json"]);
  expect(first.exitCode, first.stderr).toBe(1);
  expect(first.stderr).toMatch(/recorded scan .* 1 new, 0 remediated/);
  repo.remove("config/a.env");
  repo.write({ "billing/b.env": `STRIPE_KEY=${keyB}\n` });
  removingCommit = await repo.commit("move to vault, add billing", BOB);
  const second = await runCli(["scan", repo.dir, "--store", store, "--format", "json", "--show-secrets"]);
  expect(second.exitCode, second.stderr).toBe(1);
  expect(second.stderr).toMatch(/1 new, 1 remediated, 0 reopened, 1 open/);
}, 60_000);

describe("scan --store, inventory list, trend", () => {
  test("one remediated with the exposure from the commit dates, one new open", async () => {
    const credentials = await list(store);
    expect(credentials).toHaveLength(2);
    const a = byPreview(credentials, tokenA);
    const b = byPreview(credentials, keyB);
    expect(a).toMatchObject({ state: "remediated", kind: "token", provider: "github", exposureDays: 70, removedInCommit: removingCommit });
    expect(Date.parse(a?.firstCommittedAt ?? "")).toBe(Date.parse(ALICE.date));
    expect(Date.parse(a?.remediatedAt ?? "")).toBe(Date.parse(BOB.date));
    expect(a?.events.map((e) => [e.action, e.from, e.to, e.actor])).toEqual([
      ["discovered", null, "open", "nhiscan"],
      ["remediated", "open", "remediated", "nhiscan"],
    ]);
    expect(b).toMatchObject({ state: "open", remediatedAt: null });
    expect(Date.parse(b?.firstCommittedAt ?? "")).toBe(Date.parse(BOB.date));
    expect(b?.targets).toHaveLength(1);
    expect(b?.owner).toContain("bob@example.com");
    expect((await list(store, ["--state", "open"])).map((c) => c.credentialId)).toEqual([b?.credentialId]);
  });

  test("trend has one row per scan with the right new and remediated counts", async () => {
    const scans = await trend(store);
    expect(scans.map((s) => [s.new, s.remediated, s.reopened, s.open, s.medianDaysToRemediate])).toEqual([
      [1, 0, 0, 1, null],
      [1, 1, 0, 1, 70],
    ]);
    expect(scans.every((s) => s.mode === "working-tree" && s.targets.length === 1)).toBe(true);
    expect(Date.parse(scans[0]?.at ?? "")).toBeLessThanOrEqual(Date.parse(scans[1]?.at ?? ""));
  });

  test("the store never holds a raw secret (the second scan ran with --show-secrets) and is mode 0600", () => {
    const bytes = storeBytes(store);
    expect(bytes.length).toBeGreaterThan(0);
    for (const secret of [tokenA, keyB]) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      // Not even the secret part after a known prefix.
      expect(bytes.includes(Buffer.from(secret.slice(8)))).toBe(false);
    }
    expect(statSync(store).mode & 0o777).toBe(0o600);
  });

  test("a history scan into a fresh store finds the same exposure from git alone", async () => {
    const fresh = path.join(tempDir("nhiscan-store-"), "history.db");
    const result = await runCli(["scan", "--history", repo.dir, "--store", fresh, "--format", "json"]);
    expect(result.exitCode, result.stderr).toBe(1);
    const credentials = await list(fresh);
    expect(byPreview(credentials, tokenA)).toMatchObject({ state: "remediated", exposureDays: 70, removedInCommit: removingCommit });
    expect(byPreview(credentials, keyB)).toMatchObject({ state: "open" });
    expect((await trend(fresh)).map((s) => [s.mode, s.new, s.remediated])).toEqual([["history", 2, 1]]);
  });

  test("inventory set records a rotated state, an owner and audit events; the default store comes from NHISCAN_STORE", async () => {
    const a = byPreview(await list(store), tokenA);
    const prefix = a?.credentialId.slice(0, 10) ?? "";
    const set = await runCli(["inventory", "set", prefix, "--state", "rotated", "--owner", "team-payments", "--note", "rotated in the vault"], {
      env: { ...ACTOR, NHISCAN_STORE: store },
    });
    expect(set.exitCode, set.stderr).toBe(0);
    const after = byPreview(await list(store), tokenA);
    expect(after).toMatchObject({ state: "rotated", owner: "team-payments", ownerAssigned: true, exposureDays: 70 });
    expect(after?.events.slice(-2).map((e) => ({ actor: e.actor, action: e.action, from: e.from, to: e.to, note: e.note }))).toEqual([
      { actor: "secops@example.com", action: "state", from: "remediated", to: "rotated", note: "rotated in the vault" },
      { actor: "secops@example.com", action: "owner", from: null, to: "team-payments", note: "rotated in the vault" },
    ]);
    expect(Number.isNaN(Date.parse(after?.events.at(-1)?.at ?? ""))).toBe(false);
  });

  test("a short, unknown or ambiguous id is a usage error (exit 2)", async () => {
    const short = await runCli(["inventory", "set", "abc", "--store", store, "--state", "revoked"], { env: ACTOR });
    expect(short.exitCode).toBe(2);
    expect(short.stderr).toMatch(/at least 8/);
    const unknown = await runCli(["inventory", "set", "0000000000", "--store", store, "--state", "revoked"], { env: ACTOR });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/no credential/);
    // A second id sharing the first 8 characters makes that prefix ambiguous.
    const copy = path.join(tempDir("nhiscan-store-"), "copy.db");
    const db = new Database(store);
    await db.backup(copy);
    db.close();
    const b = byPreview(await list(copy), keyB);
    const twin = `${b?.credentialId.slice(0, 8)}ffffffffffffffffffffffff`;
    const raw = new Database(copy);
    raw
      .prepare(
        "INSERT INTO credentials (credential_id, kind, provider, preview, rule_ids, state, first_seen_at, last_seen_at) VALUES (?, 'token', 'x', 'x', '[]', 'open', ?, ?)",
      )
      .run(twin, BOB.date, BOB.date);
    raw.close();
    const ambiguous = await runCli(["inventory", "set", twin.slice(0, 8), "--store", copy, "--state", "revoked"], { env: ACTOR });
    expect(ambiguous.exitCode).toBe(2);
    expect(ambiguous.stderr).toMatch(/ambiguous/);
  });

  test("a remediated credential seen again is open again, with a reopened event", async () => {
    const folder = writeTree({ "a.env": `GITHUB_TOKEN=${tokenA}\n` });
    const db = path.join(tempDir("nhiscan-store-"), "reopen.db");
    expect((await runCli(["scan", folder, "--store", db, "--format", "json"])).exitCode).toBe(1);
    writeTree({ "a.env": "GITHUB_TOKEN=\n" }, folder);
    expect((await runCli(["scan", folder, "--store", db, "--format", "json"])).exitCode).toBe(0);
    expect((await list(db))[0]?.state).toBe("remediated");
    writeTree({ "b.env": `GITHUB_TOKEN=${tokenA}\n` }, folder);
    expect((await runCli(["scan", folder, "--store", db, "--format", "json"])).exitCode).toBe(1);
    const [a] = await list(db);
    expect(a).toMatchObject({ state: "open", remediatedAt: null });
    expect(a?.events.map((e) => e.action)).toEqual(["discovered", "remediated", "reopened"]);
    expect(a?.events.at(-1)).toMatchObject({ from: "remediated", to: "open" });
    expect((await trend(db)).map((s) => [s.new, s.remediated, s.reopened, s.open])).toEqual([
      [1, 0, 0, 1],
      [0, 1, 0, 0],
      [0, 0, 1, 1],
    ]);
  });

  test("NHISCAN_STORE is the default store of scan, and --store overrides it", async () => {
    const dir = writeTree({ "a.env": `GITHUB_TOKEN=${f.githubClassicPat()}\n` });
    const fromEnv = path.join(tempDir("nhiscan-store-"), "env.db");
    const fromFlag = path.join(tempDir("nhiscan-store-"), "flag.db");
    expect((await runCli(["scan", dir, "--format", "json"], { env: { NHISCAN_STORE: fromEnv } })).exitCode).toBe(1);
    expect((await runCli(["scan", dir, "--format", "json", "--store", fromFlag], { env: { NHISCAN_STORE: fromEnv } })).exitCode).toBe(1);
    expect(await trend(fromEnv)).toHaveLength(1);
    expect(await trend(fromFlag)).toHaveLength(1);
  });

  test("without git, exposure falls back to scan times", async () => {
    const folder = writeTree({ "deploy.sh": `export GITHUB_TOKEN=${f.githubClassicPat()}\n` });
    const db = path.join(tempDir("nhiscan-store-"), "plain.db");
    expect((await runCli(["scan", folder, "--store", db, "--format", "json"])).exitCode).toBe(1);
    writeTree({ "deploy.sh": "export GITHUB_TOKEN=$VAULT_TOKEN\n" }, folder);
    expect((await runCli(["scan", folder, "--store", db, "--format", "json"])).exitCode).toBe(0);
    const [only] = await list(db);
    expect(only).toMatchObject({ state: "remediated", firstCommittedAt: null, removedInCommit: null, exposureDays: 0 });
    const scans = await trend(db);
    expect(only?.remediatedAt).toBe(scans[1]?.at);
  });
});
