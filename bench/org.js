// Organisation scale (`npm run bench:org`): a generated organisation of repositories, built with
// `git fast-import` under bench/.work/ (about 200 KB of blobs per repository: ~200 MB for the
// default 1,000), with format-valid fake credentials planted and shared across repositories.
// It is scanned (--history) by 1 process into SQLite, by 4 concurrent shards into one PostgreSQL
// store (a throwaway server, scripts/postgres-server.js), and by 4 shards into 4 SQLite files
// joined by `store import`. Then 5 % of the repositories get new commits (new credentials, a
// shared one copied on, one removed from HEAD) and the nightly rerun is timed incremental
// against full. It prints wall time, CPU time (user+sys), peak RSS per process, store size and
// objects (blobs) read, and checks that every store holds exactly the planted credentials with
// the single-process scan's sharing across repositories, and that the incremental rerun reads
// under 10 % of the full rerun's blobs and leaves the same inventory.
// Options (env): BENCH_ORG_REPOS (default 1000), BENCH_ORG_SHARDS (default 4), BENCH_ORG_WORKERS
// (detection threads per process, default 1: the shards are the parallelism).
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fakeSecrets, prng } from "../scripts/fake-secrets.js";
import { startServer, stopServer } from "../scripts/postgres-server.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "bin", "nhiscan.js");
const repoCount = Number(process.env.BENCH_ORG_REPOS ?? 1000);
const shards = Number(process.env.BENCH_ORG_SHARDS ?? 4);
const workers = String(process.env.BENCH_ORG_WORKERS ?? 1);
const work = path.join(root, "bench", ".work", `org-${repoCount}`);
const orgDir = path.join(work, "repos");
const runDir = path.join(work, "run");

const WORDS =
  "const let value config user account request response handler service client server index data items result error status cache query update delete create fetch stream buffer parse render module export import default return async await function class interface".split(
    " ",
  );
const EXTS = [".ts", ".py", ".go", ".yaml", ".md"];
const FILES_PER_REPO = 10;
const COMMITS_PER_REPO = 40;

const line = (rand) => {
  const w = () => WORDS[Math.floor(rand() * WORDS.length)];
  const n = () => Math.floor(rand() * 100000);
  return rand() < 0.5 ? `  const ${w()}${n()} = await ${w()}.${w()}(${w()}, ${n()});` : `  if (${w()}.${w()} !== ${n()}) return ${w()}("${w()} ${w()}");`;
};

/** The credential pool: each value is planted in several repositories (its sharing, which the stores must reproduce). */
function credentialPool(count) {
  const fake = fakeSecrets(2026);
  const makers = [fake.githubClassicPat, fake.npmToken, fake.slackBotToken, fake.stripeLiveKey, fake.openAiKey, fake.awsAccessKeyId];
  const names = ["GITHUB_TOKEN", "NPM_TOKEN", "SLACK_BOT_TOKEN", "STRIPE_SECRET_KEY", "OPENAI_API_KEY", "AWS_ACCESS_KEY_ID"];
  return Array.from({ length: count }, (_, i) => ({ name: names[i % makers.length], value: makers[i % makers.length]() }));
}

const repoName = (i) => `svc-${String(i).padStart(4, "0")}`;

/** Streams one repository's history into `git fast-import`; returns what was planted where. */
async function buildRepo(index, pool, planted) {
  const dir = path.join(orgDir, repoName(index));
  rmSync(dir, { recursive: true, force: true });
  spawnSync("git", ["init", "-q", "-b", "main", dir]);
  const rand = prng(1000 + index);
  const importer = spawn("git", ["fast-import", "--quiet", "--done"], { cwd: dir, stdio: ["pipe", "inherit", "inherit"] });
  const write = async (text) => {
    if (!importer.stdin.write(text)) await once(importer.stdin, "drain");
  };
  const files = Array.from({ length: FILES_PER_REPO }, (_, f) => ({
    path: `src/m${f % 3}/f${f}${EXTS[f % EXTS.length]}`,
    lines: Array.from({ length: 40 + Math.floor(rand() * 60) }, () => line(rand)),
  }));
  // Two or three credentials per repository, from the shared pool: `.env` files, one removed later.
  const mine = [0, 1, 2].slice(0, 2 + (index % 2)).map((k) => pool[(index * 7 + k * 13) % pool.length]);
  let bytes = 0;
  for (let c = 0; c < COMMITS_PER_REPO; c++) {
    const changes = [];
    const touched = c === 0 ? files.map((_, f) => f) : [Math.floor(rand() * FILES_PER_REPO)];
    for (const f of touched) {
      if (c > 0) for (let k = 0; k < 3; k++) files[f].lines[Math.floor(rand() * files[f].lines.length)] = line(rand);
      const text = `${files[f].lines.join("\n")}\n`;
      bytes += Buffer.byteLength(text);
      changes.push(`M 100644 inline ${files[f].path}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
    }
    mine.forEach((cred, k) => {
      const at = 3 + k * 5;
      if (c === at) {
        const text = `# service settings\n${cred.name}=${cred.value}\n`;
        changes.push(`M 100644 inline config/app${k}.env\ndata ${Buffer.byteLength(text)}\n${text}\n`);
        planted.push({ value: cred.value, repository: repoName(index) });
      }
      // The first one leaves HEAD later: history-only, still planted.
      if (k === 0 && c === at + 8) changes.push(`D config/app${k}.env\n`);
    });
    const date = 1_700_000_000 + index * 100 + c * 86_400;
    await write(
      `commit refs/heads/main\ncommitter Dev ${index % 17} <dev${index % 17}@example.test> ${date} +0000\ndata ${String(c).length + 7}\ncommit ${c}\n${changes.join("")}\n`,
    );
  }
  await write("done\n");
  importer.stdin.end();
  await once(importer, "close");
  return bytes;
}

/** New commits on 5 % of the repositories: a new credential, a shared one copied on, an edit. */
async function nightlyCommits(pool, planted) {
  const fake = fakeSecrets(99);
  const changed = [];
  for (let index = 0; index < repoCount; index += 20) {
    const dir = path.join(orgDir, repoName(index));
    const fresh = fake.githubClassicPat();
    const shared = pool[(index * 3) % pool.length];
    const text = `GITHUB_TOKEN=${fresh}\n${shared.name}=${shared.value}\n`;
    const code = `export const nightly = ${index};\n`;
    const date = 1_800_000_000 + index;
    const importer = spawn("git", ["fast-import", "--quiet", "--done"], { cwd: dir, stdio: ["pipe", "inherit", "inherit"] });
    importer.stdin.end(
      `commit refs/heads/main\ncommitter Night <night@example.test> ${date} +0000\ndata 8\nnightly\nfrom refs/heads/main^0\n` +
        `M 100644 inline config/nightly.env\ndata ${Buffer.byteLength(text)}\n${text}\nM 100644 inline src/nightly.ts\ndata ${Buffer.byteLength(code)}\n${code}\n\ndone\n`,
    );
    await once(importer, "close");
    planted.push({ value: fresh, repository: repoName(index) }, { value: shared.value, repository: repoName(index) });
    changed.push(repoName(index));
  }
  return changed;
}

/** Runs one command under GNU time: wall and CPU seconds, peak RSS (MiB). */
function timed(args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn("/usr/bin/time", ["-f", "__TIME__ %e %U %S %M", process.execPath, bin, ...args], {
      cwd: orgDir,
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => {
      const m = /__TIME__ ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      if (m === null || (status !== 0 && status !== 1)) return reject(new Error(`nhiscan ${args.join(" ")} exited ${status}: ${stderr.slice(-2000)}`));
      resolve({ wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMiB: Number(m[4]) / 1024, stderr });
    });
  });
}

const scanArgs = (store, output, extra = []) => [
  "scan",
  "--repos-file",
  "repos.txt",
  "--history",
  "--store",
  store,
  "--format",
  "json",
  "--output",
  output,
  "--fail-on",
  "none",
  "--quiet",
  "--workers",
  workers,
  ...extra,
];

/** Runs `commands` concurrently: wall = the slowest, CPU summed, RSS per process. */
async function concurrently(commands) {
  const started = Date.now();
  const results = await Promise.all(commands.map((args) => timed(args)));
  return { wall: (Date.now() - started) / 1000, cpu: results.reduce((s, r) => s + r.cpu, 0), rss: results.map((r) => r.rssMiB), each: results };
}

const blobsRead = (files) => files.reduce((n, f) => n + JSON.parse(readFileSync(f, "utf8")).stats.files, 0);
const credentialId = (value) => createHash("sha256").update(value).digest("hex").slice(0, 32);

/** Credential id → sorted repositories, from what was planted. */
function expectedSharing(planted) {
  const sharing = new Map();
  for (const { value, repository } of planted) sharing.set(credentialId(value), new Set([...(sharing.get(credentialId(value)) ?? []), repository]));
  return new Map([...sharing].map(([id, repos]) => [id, [...repos].sort().join(",")]));
}

/** Credential id → sorted repositories of its locations, read from a store's tables. */
async function storeSharing(store) {
  let rows;
  if (store.startsWith("postgres")) {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: store });
    await client.connect();
    rows = (await client.query("SELECT DISTINCT credential_id, repository FROM locations")).rows;
    await client.end();
  } else {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(store, { readonly: true });
    rows = db.prepare("SELECT DISTINCT credential_id, repository FROM locations").all();
    db.close();
  }
  const sharing = new Map();
  for (const r of rows) sharing.set(r.credential_id, [...(sharing.get(r.credential_id) ?? []), r.repository]);
  return new Map([...sharing].map(([id, repos]) => [id, [...new Set(repos)].sort().join(",")]));
}

function compareSharing(name, actual, expected) {
  const missing = [...expected.keys()].filter((id) => !actual.has(id));
  const extra = [...actual.keys()].filter((id) => !expected.has(id));
  const differing = [...expected.keys()].filter((id) => actual.has(id) && actual.get(id) !== expected.get(id));
  const ok = missing.length + extra.length + differing.length === 0;
  console.log(
    `  ${ok ? "ok  " : "FAIL"} ${name}: ${actual.size} credentials (${expected.size} planted), ${missing.length} missing, ${extra.length} extra, ${differing.length} shared differently`,
  );
  return ok;
}

/** The inventory a store lists, without times and scan ids: what incremental and full reruns must agree on. */
function inventoryOf(store) {
  const out = spawnSync(process.execPath, [bin, "inventory", "list", "--store", store, "--format", "json"], {
    cwd: orgDir,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.stringify(JSON.parse(out.stdout).credentials.map((c) => [c.credentialId, c.state, c.firstCommittedAt, c.removedInCommit, c.locations]));
}

const size = (file) => (existsSync(file) ? statSync(file).size : 0);
const mib = (bytes) => (bytes / 1024 / 1024).toFixed(1);
const row = (cells) => `| ${cells.join(" | ")} |`;

async function main() {
  const pool = credentialPool(Math.max(8, Math.floor(repoCount / 2)));
  const planted = [];
  rmSync(work, { recursive: true, force: true });
  mkdirSync(orgDir, { recursive: true });
  mkdirSync(runDir, { recursive: true });
  const t = Date.now();
  let blobBytes = 0;
  for (let i = 0; i < repoCount; i++) blobBytes += await buildRepo(i, pool, planted);
  writeFileSync(path.join(orgDir, "repos.txt"), `${Array.from({ length: repoCount }, (_, i) => repoName(i)).join("\n")}\n`);
  const onDisk = Number(spawnSync("du", ["-sb", orgDir], { encoding: "utf8" }).stdout.split("\t")[0]);
  console.log(
    `org: ${repoCount} repositories, ${mib(blobBytes)} MiB of blobs (${mib(onDisk)} MiB on disk), ${new Set(planted.map((p) => p.value)).size} planted credentials, built in ${((Date.now() - t) / 1000).toFixed(0)} s`,
  );

  const server = startServer();
  // An interrupted run stops its server too.
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
      stopServer(server.dir);
      process.exit(130);
    });
  }
  const rows = [];
  const checks = [];
  try {
    const pgUrl = server.url;
    const single = path.join(runDir, "single.db");
    const one = await timed(scanArgs(single, path.join(runDir, "single.json")));
    rows.push(["1 process → SQLite", one.wall, one.cpu, [one.rssMiB], mib(size(single)), blobsRead([path.join(runDir, "single.json")])]);

    const pgRun = await concurrently(
      Array.from({ length: shards }, (_, i) => scanArgs(pgUrl, path.join(runDir, `pg-${i}.json`), ["--shard", `${i}/${shards}`])),
    );
    const pgSize = await postgresSize(pgUrl);
    rows.push([
      `${shards} shards → 1 PostgreSQL`,
      pgRun.wall,
      pgRun.cpu,
      pgRun.rss,
      mib(pgSize),
      blobsRead(Array.from({ length: shards }, (_, i) => path.join(runDir, `pg-${i}.json`))),
    ]);

    const files = Array.from({ length: shards }, (_, i) => path.join(runDir, `shard-${i}.db`));
    const sqliteRun = await concurrently(files.map((file, i) => scanArgs(file, path.join(runDir, `shard-${i}.json`), ["--shard", `${i}/${shards}`])));
    const joined = path.join(runDir, "joined.db");
    const imported = await timed(["store", "import", ...files, "--store", joined]);
    rows.push([
      `${shards} shards → ${shards} SQLite`,
      sqliteRun.wall,
      sqliteRun.cpu,
      sqliteRun.rss,
      mib(files.reduce((s, f) => s + size(f), 0)),
      blobsRead(files.map((_, i) => path.join(runDir, `shard-${i}.json`))),
    ]);
    rows.push(["`store import` of the 4 files", imported.wall, imported.cpu, [imported.rssMiB], mib(size(joined)), 0]);

    const expected = expectedSharing(planted);
    const singleSharing = await storeSharing(single);
    checks.push(compareSharing("1 process, SQLite", singleSharing, expected));
    checks.push(compareSharing(`${shards} shards, PostgreSQL`, await storeSharing(pgUrl), expected));
    checks.push(compareSharing(`${shards} SQLite shards joined by store import`, await storeSharing(joined), expected));

    // Nightly: 5 % of the repositories get new commits. Full and incremental reruns start from copies of the single-process store.
    const changed = await nightlyCommits(pool, planted);
    const fullStore = path.join(runDir, "nightly-full.db");
    const incStore = path.join(runDir, "nightly-incremental.db");
    for (const copy of [fullStore, incStore]) writeFileSync(copy, readFileSync(single));
    const full = await timed(scanArgs(fullStore, path.join(runDir, "nightly-full.json")));
    const inc = await timed(scanArgs(incStore, path.join(runDir, "nightly-incremental.json"), ["--incremental"]));
    const fullBlobs = blobsRead([path.join(runDir, "nightly-full.json")]);
    const incBlobs = blobsRead([path.join(runDir, "nightly-incremental.json")]);
    rows.push([`nightly, ${changed.length} repos changed: full`, full.wall, full.cpu, [full.rssMiB], mib(size(fullStore)), fullBlobs]);
    rows.push([`nightly, ${changed.length} repos changed: --incremental`, inc.wall, inc.cpu, [inc.rssMiB], mib(size(incStore)), incBlobs]);
    const nightlyExpected = expectedSharing(planted);
    checks.push(compareSharing("nightly full rerun", await storeSharing(fullStore), nightlyExpected));
    checks.push(compareSharing("nightly incremental rerun", await storeSharing(incStore), nightlyExpected));
    const same = inventoryOf(fullStore) === inventoryOf(incStore);
    console.log(`  ${same ? "ok  " : "FAIL"} incremental and full reruns list the same inventory (ids, states, first commits, removals, locations)`);
    const ratio = incBlobs / Math.max(1, fullBlobs);
    console.log(
      `  ${ratio < 0.1 ? "ok  " : "FAIL"} incremental read ${incBlobs} of the full rerun's ${fullBlobs} blobs (${(ratio * 100).toFixed(2)} %, must be < 10 %)`,
    );
    checks.push(same, ratio < 0.1);
  } finally {
    stopServer(server.dir);
  }

  console.log(
    `\nHardware: ${os.cpus()[0]?.model ?? "?"}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${spawnSync("git", ["--version"], { encoding: "utf8" }).stdout.trim()}`,
  );
  console.log(`Organisation: ${repoCount} repositories, ${mib(blobBytes)} MiB of blobs; --history, --workers ${workers} per process.\n`);
  console.log(row(["run", "wall s", "CPU s (user+sys)", "peak RSS MiB per process", "store MiB", "blobs read"]));
  console.log(row(["---", "---:", "---:", "---", "---:", "---:"]));
  for (const [name, wall, cpu, rss, store, blobs] of rows)
    console.log(row([name, wall.toFixed(1), cpu.toFixed(1), rss.map((r) => r.toFixed(0)).join(", "), store, blobs]));
  if (checks.some((ok) => !ok)) process.exitCode = 1;
}

async function postgresSize(url) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query("SELECT pg_database_size(current_database()) AS n");
  await client.end();
  return Number(rows[0].n);
}

await main();
