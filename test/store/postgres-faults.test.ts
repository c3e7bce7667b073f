import { spawn } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { beforeAll, describe, expect, test } from "vitest";
import { PASSWORD_ROLE } from "../../scripts/postgres-server.js";
import { openStore } from "../../src/store/open.js";
import { tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";
import { BIN, listStore, nhiscan } from "../helpers/org.js";
import { freshDatabase, postgresAdminUrl, tableCounts, withClient, withDatabase } from "../helpers/postgres.js";

// Faults against a real PostgreSQL server: a writer killed inside its transaction leaves no
// partial scan, and a password in the connection string never reaches any output.
const f = fakeSecrets(4242);
const WHO = { name: "Ops", email: "ops@example.com", date: "2025-03-01T00:00:00Z" };

/** Resolves once a `nhiscan` backend waits on a lock inside a transaction that has written rows. */
async function blockedWriter(client: pg.Client, child: ReturnType<typeof spawn>): Promise<void> {
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  for (;;) {
    if (exited) throw new Error("the writer exited before it blocked");
    const rows = (
      await client.query<{ wrote: boolean }>(
        `SELECT backend_xid IS NOT NULL AS wrote, pg_sleep(0.01) IS NULL FROM pg_stat_activity
         WHERE application_name = 'nhiscan' AND wait_event_type = 'Lock' AND datname = current_database()`,
      )
    ).rows;
    if (rows.length > 0) {
      expect(rows[0]?.wrote).toBe(true);
      return;
    }
  }
}

describe("PostgreSQL store faults", () => {
  test("a scan killed mid-transaction leaves no trace; the next scan records on top", async () => {
    const store = await freshDatabase();
    const repo = await createRepo();
    repo.write({ "a.env": `GITHUB_TOKEN=${f.githubClassicPat()}\nSTRIPE_KEY=${f.stripeLiveKey()}\n` });
    await repo.commit("first", WHO);
    expect((await nhiscan(["scan", repo.dir, "--store", store, "--quiet"])).exitCode).toBe(1);
    const before = await tableCounts(store);
    expect(before).toMatchObject({ scans: 1, credentials: 2 });
    repo.write({ "b.env": `SLACK_TOKEN=${f.slackBotToken()}\nOPENAI_API_KEY=${f.openAiKey()}\nNPM_TOKEN=${f.npmToken()}\n` });
    await repo.commit("more", WHO);
    const locked = (await listStore(store))[0]?.credentialId ?? "";
    await withClient(store, async (holder) => {
      // Hold a row the next scan must update: it writes what comes before it, then waits.
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM credentials WHERE credential_id = $1 FOR UPDATE", [locked]);
      const child = spawn(process.execPath, [BIN, "scan", repo.dir, "--store", store, "--quiet"], { stdio: "ignore" });
      await withClient(store, (watcher) => blockedWriter(watcher, child));
      const gone = new Promise((resolve) => child.on("exit", resolve));
      child.kill("SIGKILL");
      await gone;
      await holder.query("ROLLBACK");
    });
    expect(await tableCounts(store)).toEqual(before);
    const next = await nhiscan(["scan", repo.dir, "--store", store]);
    expect(next.exitCode, String(next.stderr)).toBe(1);
    expect(String(next.stderr)).toMatch(/3 new, 0 remediated, 0 reopened, 5 open/);
    expect(await tableCounts(store)).toMatchObject({ scans: 2, credentials: 5, events: 5 });
  }, 60_000);
});

describe("PostgreSQL write transactions", () => {
  test("a serialization failure is retried from the start; what the failed attempt wrote is gone", async () => {
    const url = await freshDatabase();
    const store = await openStore({ kind: "postgres", url, label: url }, { create: true });
    try {
      let attempts = 0;
      const result = await store.write(async (tx) => {
        attempts += 1;
        await tx.run("INSERT INTO repo_refs (repository, ref, commit_sha, scanned_at) VALUES (?, ?, ?, ?)", [
          "/r",
          `refs/heads/a${attempts}`,
          "c0ffee",
          "2025-01-01T00:00:00Z",
        ]);
        if (attempts < 3) await tx.run("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'serialization_failure'; END $$");
        return (await tx.all<{ ref: string }>("SELECT ref FROM repo_refs ORDER BY ref")).map((r) => r.ref);
      });
      expect(attempts).toBe(3);
      expect(result).toEqual(["refs/heads/a3"]);
      // Any other failure is not retried, and is a store error naming the store.
      await expect(store.write(async (tx) => tx.run("SELECT 1 / 0"))).rejects.toThrow(/cannot write the PostgreSQL store \(22012/);
    } finally {
      await store.close();
    }
  });
});

describe("PostgreSQL credentials never reach an output", () => {
  // The one role the test server makes log in by password (pg_hba.conf).
  const role = PASSWORD_ROLE;
  const password = `pw@${f.hex(12)}/:%x`;
  let db: string;
  let plain: string;
  let withPassword: string;
  const leaks = (text: string) => text.includes(password) || text.includes(encodeURIComponent(password));

  beforeAll(async () => {
    await withClient(postgresAdminUrl(), async (client) => {
      const literal = `'${password.replace(/'/g, "''")}'`;
      await client.query(
        `DO $$ BEGIN CREATE ROLE ${role} LOGIN PASSWORD ${literal}; EXCEPTION WHEN duplicate_object THEN ALTER ROLE ${role} PASSWORD ${literal}; END $$`,
      );
    });
    const admin = await freshDatabase(role);
    db = new URL(admin).pathname.slice(1);
    plain = withDatabase(postgresAdminUrl(), db, role);
    const url = new URL(plain);
    url.password = encodeURIComponent(password);
    withPassword = url.toString();
  });

  test("a password in --store or NHISCAN_STORE works and is masked everywhere, --debug included", async () => {
    const repo = await createRepo();
    repo.write({ "a.env": `GITHUB_TOKEN=${f.githubClassicPat()}\n` });
    await repo.commit("first", WHO);
    const runs = [
      await nhiscan(["scan", repo.dir, "--store", withPassword, "--debug"]),
      await nhiscan(["scan", repo.dir, `--store=${withPassword}`]),
      await nhiscan(["scan", repo.dir], { NHISCAN_STORE: withPassword }),
      await nhiscan(["trend", "--store", withPassword, "--format", "json"]),
      await nhiscan(["inventory", "list", "--store", withPassword, "--format", "json"]),
      await nhiscan(["report", "--store", withPassword, "--format", "html"]),
    ];
    for (const run of runs) {
      expect(run.exitCode, String(run.stderr)).toBeLessThan(2);
      expect(leaks(String(run.stdout) + String(run.stderr))).toBe(false);
    }
    expect(String(runs[0]?.stderr)).toContain(`recorded scan`);
    expect(String(runs[0]?.stderr)).toContain(`${role}:***@`);
    expect(JSON.parse(String(runs[3]?.stdout)).scans).toHaveLength(3);
  }, 60_000);

  test("a wrong password is a clear error (exit 2) that shows neither password", async () => {
    const wrong = withPassword.replace(encodeURIComponent(password), "not-the-password-4711");
    for (const args of [
      ["inventory", "list", "--store", wrong, "--debug"],
      ["scan", tempDir(), "--store", wrong],
    ]) {
      const run = await nhiscan(args);
      expect(run.exitCode).toBe(2);
      expect(String(run.stderr)).toMatch(/password authentication failed/);
      expect(String(run.stderr)).toMatch(/PGPASSWORD or ~\/\.pgpass/);
      expect(String(run.stderr)).not.toContain("not-the-password-4711");
      expect(leaks(String(run.stderr))).toBe(false);
    }
  });

  test("PGPASSWORD and a .pgpass file (mode 0600 only) supply the password of a URL without one", async () => {
    const fromEnv = await nhiscan(["scan", tempDir(), "--store", plain], { PGPASSWORD: password });
    expect(fromEnv.exitCode, String(fromEnv.stderr)).toBe(0);
    const file = path.join(tempDir(), "pgpass");
    writeFileSync(file, `# test\n*:*:other:${role}:nope\n*:*:${db}:${role}:${password.replace(/\\/g, "\\\\").replace(/:/g, "\\:")}\n`, { mode: 0o600 });
    const fromFile = await nhiscan(["trend", "--store", plain], { PGPASSFILE: file });
    expect(fromFile.exitCode, String(fromFile.stderr)).toBe(0);
    expect(String(fromFile.stderr)).not.toMatch(/deprecat/i);
    chmodSync(file, 0o644);
    const ignored = await nhiscan(["trend", "--store", plain], { PGPASSFILE: file });
    expect(ignored.exitCode).toBe(2);
    expect(leaks(String(ignored.stderr))).toBe(false);
  });
});
