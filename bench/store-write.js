// Store write cost: one scan's recordScan of a synthetic report (N credentials, 3 locations
// each) into SQLite and PostgreSQL, CPU time of this process (user+sys) and wall time, median of
// runs. PostgreSQL: NHISCAN_TEST_POSTGRES, else a throwaway server (scripts/postgres-server.js).
// `node bench/store-write.js [credentials] [--main DIR]` (--main: also time another build's
// SQLite store, e.g. /work/main, for a before/after).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { startServer, stopServer } from "../scripts/postgres-server.js";

const args = process.argv.slice(2);
const credentials = Number(args.find((a) => /^\d+$/.test(a)) ?? 2000);
const mainDir = args.includes("--main") ? args[args.indexOf("--main") + 1] : undefined;
const RUNS = 5;
const dist = (root, rel) => pathToFileURL(path.join(root, "dist", rel)).href;
const ROOT = path.resolve(import.meta.dirname, "..");

function syntheticReport(n) {
  const items = Array.from({ length: n }, (_, i) => {
    const id = i.toString(16).padStart(32, "0");
    const locations = [0, 1, 2].map((k) => ({
      ruleId: "github-classic-pat",
      provider: "github",
      kind: "token",
      severity: "high",
      confidence: "high",
      nonExpiring: true,
      credentialId: id,
      matchId: `${id}${k}`,
      preview: "ghp_ab…[40 chars]",
      path: `svc${i}/f${k}.env`,
      line: k + 1,
      column: 1,
      entropy: 4.5,
      provenance: { kind: "file" },
      repository: `repo${i % 50}`,
    }));
    return {
      credentialId: id,
      kind: "token",
      provider: "github",
      ruleIds: ["github-classic-pat"],
      severity: "high",
      confidence: "high",
      nonExpiring: true,
      preview: "ghp_ab…[40 chars]",
      locations,
      environments: [],
      ownerHints: [],
      inHead: true,
      checks: [],
      score: 40,
      grade: "F",
    };
  });
  return {
    schemaVersion: 1,
    tool: { name: "nhiscan", version: "bench" },
    targets: ["bench"],
    rules: [],
    warnings: [],
    showSecrets: false,
    stats: { files: 0, bytes: 0, skipped: {}, findings: 0, suppressed: {}, durationMs: 0 },
    items,
    policy: { failed: false },
    scannedAt: "",
  };
}

async function time(label, open, record, location) {
  const samples = [];
  for (let run = 0; run < RUNS; run += 1) {
    const store = await open(location(run));
    const report = { ...syntheticReport(credentials), scannedAt: new Date().toISOString() };
    const context = { target: "/bench", targets: ["bench"], mode: "working-tree", complete: true, toolVersion: "bench" };
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    await record(store, report, context);
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpu);
    samples.push({ wall, cpu: (used.user + used.system) / 1e6 });
    await store.close();
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `${label.padEnd(28)} ${credentials} credentials: cpu ${median(samples.map((s) => s.cpu)).toFixed(3)} s, wall ${median(samples.map((s) => s.wall)).toFixed(3)} s (median of ${RUNS}, fresh store each)`,
  );
}

const dir = mkdtempSync(path.join(tmpdir(), "nhiscan-bench-store-"));
const { openStore } = await import(dist(ROOT, "store/open.js"));
const { recordScan } = await import(dist(ROOT, "store/record.js"));
await time(
  "sqlite (this build)",
  (file) => openStore({ kind: "sqlite", file }, { create: true }),
  recordScan,
  (run) => path.join(dir, `new-${run}.db`),
);
if (mainDir !== undefined) {
  const old = await import(dist(mainDir, "store/open.js"));
  const oldRecord = await import(dist(mainDir, "store/record.js"));
  await time(
    "sqlite (--main build)",
    async (file) => old.openStore(file, { create: true }),
    async (s, r, c) => oldRecord.recordScan(s, r, c),
    (run) => path.join(dir, `old-${run}.db`),
  );
}
const given = process.env.NHISCAN_TEST_POSTGRES;
const server = given ? undefined : startServer();
const admin = given ?? server.url;
try {
  const url = (run) => {
    const u = new URL(admin);
    u.pathname = `/nhiscan_bench_${process.pid}_${run}`;
    return u.toString();
  };
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  for (let run = 0; run < RUNS; run += 1) await client.query(`CREATE DATABASE ${new URL(url(run)).pathname.slice(1)}`);
  await time("postgres (this build)", (u) => openStore({ kind: "postgres", url: u, label: u }, { create: true }), recordScan, url);
  for (let run = 0; run < RUNS; run += 1) await client.query(`DROP DATABASE ${new URL(url(run)).pathname.slice(1)}`);
  await client.end();
} finally {
  if (server) stopServer(server.dir);
}
