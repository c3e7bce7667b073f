import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { execa } from "execa";
import { beforeAll, describe, expect, test } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";
import { writeTree } from "../helpers/tree.js";

// Concurrency and faults with real processes (npm test builds dist first): concurrent writers
// all land, a process killed inside its write transaction leaves the store consistent, and a
// corrupt, foreign or newer file is a clear error naming it, never reset.
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "nhiscan.js");
const nhiscan = (args: string[]) => execa(process.execPath, [BIN, ...args], { reject: false, env: { NO_COLOR: "1" } });
const f = fakeSecrets(77);

/** A scan report with many credentials, as JSON, for the child writers. */
let reportFile: string;

beforeAll(async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 60; i += 1) files[`svc${i}/.env`] = `GITHUB_TOKEN=${f.githubClassicPat()}\nSTRIPE_KEY=${f.stripeLiveKey()}\n`;
  const dir = writeTree(files);
  const result = await runCli(["scan", dir, "--format", "json", "--quiet"]);
  reportFile = path.join(tempDir(), "report.json");
  writeFileSync(reportFile, result.stdout);
  expect(JSON.parse(result.stdout).items.length).toBe(120);
});

/** A child that records the report into `db` in a loop (`loop`) or stops inside an open write transaction (`hold`). */
function writerChild(db: string, mode: "loop" | "hold") {
  const url = (rel: string) => pathToFileURL(path.join(ROOT, "dist", rel)).href;
  const script = `
    import { readFileSync } from "node:fs";
    const { openStore } = await import(${JSON.stringify(url("store/open.js"))});
    const { recordScan } = await import(${JSON.stringify(url("store/record.js"))});
    const report = JSON.parse(readFileSync(${JSON.stringify(reportFile)}, "utf8"));
    const store = await openStore({ kind: "sqlite", file: ${JSON.stringify(db)} }, { create: true });
    const context = { target: "/synthetic", targets: ["synthetic"], mode: "working-tree", complete: true, toolVersion: "test" };
    if (${JSON.stringify(mode)} === "hold") {
      // The whole scan written, then held open before its commit.
      const holding = { ...store, write: (work) => store.write(async (tx) => {
        await work(tx);
        process.stdout.write("inside the write\\n");
        setInterval(() => {}, 1000);
        await new Promise(() => {});
      }) };
      await recordScan(holding, { ...report, scannedAt: new Date().toISOString() }, context);
    } else {
      for (let n = 1; ; n += 1) {
        await recordScan(store, { ...report, scannedAt: new Date().toISOString() }, context);
        process.stdout.write("recorded " + n + "\\n");
      }
    }
  `;
  return spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
}

/** Resolves when the child has printed `text`. */
function waitFor(child: ReturnType<typeof spawn>, text: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (text.test(out)) resolve();
    });
    child.on("exit", (code) => reject(new Error(`child exited (${code}) before printing ${text}: ${out}`)));
  });
}

/** Integrity and all-or-nothing: every recorded scan has all its sightings. */
function checkConsistent(db: string): number {
  const raw = new Database(db, { readonly: true });
  try {
    expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
    const scans = raw.prepare("SELECT seq, credentials FROM scans").all() as { seq: number; credentials: number }[];
    for (const scan of scans) {
      expect((raw.prepare("SELECT count(*) AS n FROM sightings WHERE scan_seq = ?").get(scan.seq) as { n: number }).n).toBe(scan.credentials);
    }
    return scans.length;
  } finally {
    raw.close();
  }
}

describe("store concurrency and faults", () => {
  test("four scans started at once into one new store all land", async () => {
    const repos = await Promise.all(
      [0, 1].map(async (i) => {
        const repo = await createRepo();
        repo.write({ [`app${i}/.env`]: `GITHUB_TOKEN=${f.githubClassicPat()}\n` });
        await repo.commit("add", { name: "A", email: "a@example.com", date: "2025-02-01T00:00:00Z" });
        return repo.dir;
      }),
    );
    const db = path.join(tempDir("nhiscan-store-"), "shared.db");
    const runs = await Promise.all([...repos, ...repos].map((dir) => nhiscan(["scan", dir, "--store", db, "--format", "json"])));
    for (const run of runs) {
      expect(run.exitCode, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/recorded scan/);
    }
    const trend = JSON.parse((await nhiscan(["trend", "--store", db, "--format", "json"])).stdout) as { scans: { new: number; targets: string[] }[] };
    expect(trend.scans).toHaveLength(4);
    expect(trend.scans.reduce((n, s) => n + s.new, 0)).toBe(2);
    expect(checkConsistent(db)).toBe(4);
  }, 60_000);

  test("a writer killed inside its write transaction leaves the store consistent, without that scan", async () => {
    const db = path.join(tempDir("nhiscan-store-"), "killed.db");
    const loop = writerChild(db, "loop");
    await waitFor(loop, /recorded 2\n/);
    const hold = writerChild(db, "hold");
    // The holder waits for the loop's lock; kill the loop mid-stream, then the holder mid-write.
    loop.kill("SIGKILL");
    await waitFor(hold, /inside the write/);
    const before = checkConsistentCount(db);
    hold.kill("SIGKILL");
    await new Promise((resolve) => hold.on("exit", resolve));
    const after = checkConsistent(db);
    expect(after).toBe(before);
    expect(after).toBeGreaterThanOrEqual(2);
    // Still a working store: a new scan records on top.
    const list = await nhiscan(["inventory", "list", "--store", db, "--format", "json"]);
    expect(list.exitCode, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).credentials).toHaveLength(120);
  }, 60_000);

  test("a file that is not SQLite is an error naming it (exit 3), and is left untouched", async () => {
    const db = path.join(tempDir("nhiscan-store-"), "garbage.db");
    const garbage = Buffer.from("this is not a database, it is a shopping list\n".repeat(100));
    writeFileSync(db, garbage);
    for (const args of [
      ["trend", "--store", db],
      ["inventory", "list", "--store", db],
      ["scan", writeTree({ "a.txt": "x\n" }), "--store", db],
    ]) {
      const result = await nhiscan(args);
      expect(result.exitCode).toBe(3);
      expect(result.stderr).toContain(db);
      expect(result.stderr).toMatch(/not an SQLite database|corrupt/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(db).equals(garbage)).toBe(true);
  });

  test("scan --store checks the store before scanning: a corrupt one fails first, with no report printed", async () => {
    const db = path.join(tempDir("nhiscan-store-"), "garbage.db");
    writeFileSync(db, Buffer.from("this is not a database\n".repeat(100)));
    const result = await runCli(["scan", writeTree({ "a.env": `GITHUB_TOKEN=${f.githubClassicPat()}\n` }), "--store", db, "--format", "json"]);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/not an SQLite database|corrupt/);
    expect(result.stderr).not.toMatch(/credential\(s\)/);
  });

  test("a store with damaged pages is an error naming it (exit 3), never a silent reset", async () => {
    const db = path.join(tempDir("nhiscan-store-"), "damaged.db");
    expect((await runCli(["scan", writeTree({ "a.env": `GITHUB_TOKEN=${f.githubClassicPat()}\n` }), "--store", db, "--format", "json"])).exitCode).toBe(1);
    const bytes = readFileSync(db);
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0xa5, pageSize);
    writeFileSync(db, bytes);
    const result = await nhiscan(["inventory", "list", "--store", db]);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(db);
    expect(result.stderr).toMatch(/corrupt/);
    expect(readFileSync(db).equals(bytes)).toBe(true);
  });

  test("a newer schema version or a foreign SQLite file is a usage error (exit 2) naming the file, left untouched", async () => {
    const db = path.join(tempDir("nhiscan-store-"), "newer.db");
    expect((await runCli(["scan", writeTree({ "a.txt": "x\n" }), "--store", db, "--quiet"])).exitCode).toBe(0);
    const raw = new Database(db);
    raw.pragma("user_version = 99");
    raw.close();
    for (const args of [
      ["trend", "--store", db],
      ["scan", writeTree({ "a.txt": "x\n" }), "--store", db],
    ]) {
      const result = await nhiscan(args);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain(`${db}: store schema version 99 is newer`);
    }
    const check = new Database(db, { readonly: true });
    expect(check.pragma("user_version", { simple: true })).toBe(99);
    check.close();

    const foreign = path.join(tempDir("nhiscan-store-"), "foreign.db");
    const other = new Database(foreign);
    other.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me')");
    other.close();
    const result = await nhiscan(["inventory", "list", "--store", foreign]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${foreign}: an SQLite database, but not an nhiscan store`);
    const kept = new Database(foreign, { readonly: true });
    expect(kept.prepare("SELECT text FROM notes").pluck().get()).toBe("keep me");
    kept.close();
  });

  test("listing a store that does not exist is a usage error and creates nothing", async () => {
    const db = path.join(tempDir("nhiscan-store-"), "missing.db");
    const result = await nhiscan(["inventory", "list", "--store", db]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${db}: no such store`);
    expect(existsSync(db)).toBe(false);
    const none = await nhiscan(["trend"]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/--store FILE or set NHISCAN_STORE/);
  });
});

/** Scans committed so far, read without waiting on the writer's lock (WAL readers never block). */
function checkConsistentCount(db: string): number {
  const raw = new Database(db, { readonly: true });
  try {
    return (raw.prepare("SELECT count(*) AS n FROM scans").get() as { n: number }).n;
  } finally {
    raw.close();
  }
}
