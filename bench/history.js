// Full-history scan of a large generated repository, next to the I/O floor (`git cat-file
// --batch-all-objects --batch --unordered`) and `git log -p --all`, measured in one run; part of
// `npm run bench`, or alone with `npm run bench:history` (which also times the oid-order cat-file).
// The repository is built once with `git fast-import` under bench/.work/ and reused.
// Options (env): BENCH_COMMITS (default 30000), BENCH_FILES (default 2000), BENCH_HISTORY_RUNS (default 3),
// BENCH_REAL_HISTORY (a real repository with its history, e.g. a full clone of rails/rails: scanned
// read-only, never fetched; the report goes to a temporary file) and BENCH_REAL_HISTORY_RUNS (default 3).
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fakeSecrets, prng } from "../scripts/fake-secrets.js";
import { fmt, measure } from "./measure.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "bin", "nhiscan.js");
const commits = Number(process.env.BENCH_COMMITS ?? 30000);
const fileCount = Number(process.env.BENCH_FILES ?? 2000);
const runs = Number(process.env.BENCH_HISTORY_RUNS ?? 3);
const repo = path.join(root, "bench", ".work", `history-${commits}-${fileCount}`);

const WORDS =
  "const let value config user account request response handler service client server index data items result error status cache query update delete create fetch stream buffer parse render module export import default return async await function class interface".split(
    " ",
  );
const EXTS = [".ts", ".py", ".go", ".yaml", ".json", ".md"];
const AUTHORS = Array.from({ length: 24 }, (_, i) => [`Dev ${String.fromCharCode(65 + i)}`, `dev${i}@example.test`]);

function makeLine(rand) {
  const w = () => WORDS[Math.floor(rand() * WORDS.length)];
  const n = () => Math.floor(rand() * 100000);
  return rand() < 0.5 ? `  const ${w()}${n()} = await ${w()}.${w()}(${w()}, ${n()});` : `  if (${w()}.${w()} !== ${n()}) return ${w()}("${w()} ${w()}");`;
}

/** Streams a fast-import script: files are created, then edited a few lines at a time, with secrets planted and some later edited away. */
async function buildRepo() {
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  spawnSync("git", ["init", "-q", "-b", "main", repo], { stdio: "inherit" });
  const importer = spawn("git", ["fast-import", "--quiet", "--done"], { cwd: repo, stdio: ["pipe", "inherit", "inherit"] });
  const write = async (text) => {
    if (!importer.stdin.write(text)) await once(importer.stdin, "drain");
  };
  const rand = prng(7);
  const fake = fakeSecrets(7);
  const files = [];
  const planted = new Set();
  let blobBytes = 0;
  for (let i = 0; i < commits; i++) {
    const touched = i < fileCount ? [i] : [Math.floor(rand() * fileCount), Math.floor(rand() * fileCount)];
    const edits = [];
    for (const f of touched) {
      if (files[f] === undefined)
        files[f] = {
          path: `src/m${f % 40}/f${f}${EXTS[f % EXTS.length]}`,
          lines: Array.from({ length: 120 + Math.floor(rand() * 280) }, () => makeLine(rand)),
        };
      else for (let k = 0; k < 4; k++) files[f].lines[Math.floor(rand() * files[f].lines.length)] = makeLine(rand);
      if (i % 300 === 17) {
        const secret = i % 600 === 17 ? fake.githubClassicPat() : fake.awsAccessKeyId();
        planted.add(secret);
        files[f].lines.splice(Math.floor(rand() * files[f].lines.length), 0, `  apiToken = "${secret}"`);
      }
      const text = `${files[f].lines.join("\n")}\n`;
      blobBytes += Buffer.byteLength(text);
      edits.push(`M 100644 inline ${files[f].path}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
    }
    const [name, email] = AUTHORS[i % AUTHORS.length];
    const when = 1577836800 + i * 3600;
    const message = `change ${i}\n`;
    await write(
      `commit refs/heads/main\nmark :${i + 1}\nauthor ${name} <${email}> ${when} +0000\ncommitter ${name} <${email}> ${when} +0000\ndata ${message.length}\n${message}`,
    );
    await write(`${i > 0 ? `from :${i}\n` : ""}${edits.join("")}\n`);
    if (i % 5000 === 4999) await write(`reset refs/tags/v${(i + 1) / 5000}\nfrom :${i + 1}\n\n`);
  }
  await write("done\n");
  importer.stdin.end();
  await once(importer, "exit");
  console.log(`repacking (deltas between versions, as a real repository has after gc)…`);
  spawnSync("git", ["repack", "-a", "-d", "-q"], { cwd: repo, stdio: "inherit" });
  const info = { commits, files: fileCount, blobBytes, planted: planted.size };
  writeFileSync(path.join(repo, ".bench.json"), JSON.stringify(info));
  return info;
}

function packBytes() {
  const out = spawnSync("git", ["count-objects", "-v"], { cwd: repo, encoding: "utf8" }).stdout;
  return Number(/size-pack: (\d+)/.exec(out)?.[1] ?? 0) * 1024;
}

/** Builds the repository when missing, measures, prints, and returns the medians in seconds. */
export async function historyBench({ oidOrder = false, engine = "js" } = {}) {
  const signature = path.join(repo, ".bench.json");
  const info = existsSync(signature) ? JSON.parse(readFileSync(signature, "utf8")) : await buildRepo();
  console.log(
    `\n## history — ${new Date().toISOString()}, ${(await import("node:os")).availableParallelism()} cores, node ${process.version}, ${spawnSync("git", ["--version"], { encoding: "utf8" }).stdout.trim()}`,
  );
  console.log(
    `repository: ${info.commits} commits, ${info.files} files, ${fmt(info.blobBytes / 1e6, 0)} MB of blobs (uncompressed), pack ${fmt(packBytes() / 1e6, 0)} MB, ${info.planted} planted secrets`,
  );

  const devNull = openSync("/dev/null", "w");
  const toNull = { cwd: repo, stdio: ["ignore", devNull, "pipe"], runs };
  const withEngine = { ...toNull, env: { ...process.env, NHISCAN_ENGINE: engine } };
  const scanArgs = [bin, "scan", "--history", repo, "--format", "json", "--output", path.join(repo, ".bench-report.json"), "--fail-on", "none", "--quiet"];
  // The git source alone (list, read in pack order; no decoding or detection): what the history layer costs.
  const sourceOnly = `const { openRepo } = await import(${JSON.stringify(path.join(root, "dist", "sources", "git-repo.js"))});
  const { gitHistorySource } = await import(${JSON.stringify(path.join(root, "dist", "sources", "git-history.js"))});
  const repo = await openRepo(process.argv[1], "--history");
  for await (const e of gitHistorySource({ repo, maxFileSize: 10485760, exclude: [] }).events()) void e;`;
  const results = {
    nhiscan: measure(process.execPath, scanArgs, withEngine),
    source: measure(process.execPath, ["--input-type=module", "-e", sourceOnly, repo], toNull),
    floor: measure("git", ["cat-file", "--batch-all-objects", "--batch", "--unordered"], toNull),
    // Object-id order thrashes the delta-base cache: minutes on a large pack, so one run.
    ...(oidOrder ? { floorSorted: measure("git", ["cat-file", "--batch-all-objects", "--batch"], { ...toNull, runs: 1, warmup: 0 }) } : {}),
    logP: measure("git", ["log", "-p", "--all"], toNull),
  };
  closeSync(devNull);
  const report = JSON.parse(readFileSync(path.join(repo, ".bench-report.json"), "utf8"));
  const found = report.items.filter((i) => i.kind !== "managed-reference").length;
  const line = (label, r) =>
    console.log(
      `${label.padEnd(58)} ${fmt(r.median, 2).padStart(7)} s  (min ${fmt(r.min, 2)}, max ${fmt(r.max, 2)})${Number.isFinite(r.rssMiB) ? `  peak RSS ${fmt(r.rssMiB, 0)} MiB` : ""}`,
    );
  console.log(`\nmedian of ${runs} runs after a warm-up, wall time:`);
  line(`nhiscan scan --history --engine ${engine}`, results.nhiscan);
  line("  its git source alone (list + read, no detection)", results.source);
  line("git cat-file --batch-all-objects --batch --unordered (floor)", results.floor);
  if (oidOrder) line("git cat-file --batch-all-objects --batch (oid order)", results.floorSorted);
  line("git log -p --all", results.logP);
  console.log(`\nnhiscan / cat-file floor (--unordered): ${fmt(results.nhiscan.median / results.floor.median)}x`);
  if (oidOrder) console.log(`nhiscan / cat-file --batch-all-objects --batch (oid order, 1 run): ${fmt(results.nhiscan.median / results.floorSorted.median)}x`);
  console.log(`git source alone / cat-file floor (--unordered): ${fmt(results.source.median / results.floor.median)}x`);
  console.log(`nhiscan / git log -p --all: ${fmt(results.nhiscan.median / results.logP.median)}x`);
  console.log(
    `scanned ${report.stats.files} blobs, ${fmt(report.stats.bytes / 1e6, 0)} MB; ${found} distinct credentials found (${info.planted} planted), ${report.stats.findings} locations`,
  );
  const gb = report.stats.bytes / 1e9;
  return { nhiscan: results.nhiscan, floor: results.floor, logP: results.logP, source: results.source, cpuPerGb: results.nhiscan.cpu / gb };
}

/**
 * Full-history scan of a real repository (BENCH_REAL_HISTORY) against the cat-file floor, with
 * line dedupe on and off (NHISCAN_LINE_DEDUPE=0) and what share of lines and bytes reached the
 * detectors. Returns the medians, or undefined when no repository is set.
 */
export function realHistoryBench(dir = process.env.BENCH_REAL_HISTORY, engine = "js") {
  if (!dir) return undefined;
  const realRuns = Number(process.env.BENCH_REAL_HISTORY_RUNS ?? 3);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "nhiscan-bench-real-"));
  const devNull = openSync("/dev/null", "w");
  const opts = (env) => ({ cwd: dir, stdio: ["ignore", devNull, "pipe"], runs: realRuns, env: { ...process.env, NHISCAN_ENGINE: engine, ...env } });
  const scanArgs = [bin, "scan", "--history", dir, "--format", "json", "--output", path.join(tmp, "report.json"), "--fail-on", "none", "--quiet"];
  const statsPrefix = path.join(tmp, "dedupe");
  const results = {
    nhiscan: measure(process.execPath, scanArgs, opts({ NHISCAN_DEDUPE_STATS: statsPrefix })),
    noDedupe: measure(process.execPath, scanArgs, opts({ NHISCAN_LINE_DEDUPE: "0" })),
    floor: measure("git", ["cat-file", "--batch-all-objects", "--batch", "--unordered"], opts({})),
  };
  closeSync(devNull);
  // Each thread's running totals of its last run (the files are rewritten as it goes).
  const totals = { lines: 0, linesScanned: 0, bytes: 0, bytesScanned: 0 };
  for (const file of readdirSync(tmp).filter((f) => f.startsWith("dedupe."))) {
    const stats = JSON.parse(readFileSync(path.join(tmp, file), "utf8"));
    for (const key of Object.keys(totals)) totals[key] += stats[key];
  }
  const report = JSON.parse(readFileSync(path.join(tmp, "report.json"), "utf8"));
  rmSync(tmp, { recursive: true, force: true });
  const line = (label, r) =>
    console.log(
      `${label.padEnd(58)} ${fmt(r.median, 2).padStart(7)} s  (min ${fmt(r.min, 2)}, max ${fmt(r.max, 2)})${Number.isFinite(r.rssMiB) ? `  peak RSS ${fmt(r.rssMiB, 0)} MiB` : ""}`,
    );
  console.log(`\n## real history — ${dir}, --engine ${engine}\nmedian of ${realRuns} runs after a warm-up, wall time:`);
  line("nhiscan scan --history", results.nhiscan);
  line("  with NHISCAN_LINE_DEDUPE=0 (every line scanned)", results.noDedupe);
  line("git cat-file --batch-all-objects --batch --unordered (floor)", results.floor);
  const gb = report.stats.bytes / 1e9;
  console.log(
    `CPU (user + sys): nhiscan ${fmt(results.nhiscan.cpu / gb, 2)} s/GB of blobs scanned, without dedupe ${fmt(results.noDedupe.cpu / gb, 2)} s/GB, cat-file ${fmt(results.floor.cpu / gb, 2)} s/GB`,
  );
  console.log(
    `nhiscan / cat-file floor (--unordered): ${fmt(results.nhiscan.median / results.floor.median)}x wall, ${fmt(results.nhiscan.cpu / results.floor.cpu)}x CPU; without dedupe ${fmt(results.noDedupe.median / results.floor.median)}x wall`,
  );
  console.log(
    `line dedupe: detectors read ${fmt((100 * totals.linesScanned) / totals.lines, 1)} % of ${fmt(totals.lines / 1e6, 1)} M lines, ${fmt((100 * totals.bytesScanned) / totals.bytes, 1)} % of ${fmt(totals.bytes / 1e6, 0)} MB (whole-text fallbacks included; counted to the last 1,000 blobs of each thread)`,
  );
  console.log(`scanned ${report.stats.files} blobs; ${report.items.length} credentials, ${report.stats.findings} locations`);
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await historyBench({ oidOrder: true });
  realHistoryBench();
}
