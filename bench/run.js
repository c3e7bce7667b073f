// `npm run bench`: every performance target in one run, for each match engine (`--engine js`,
// repeatable; default every engine this build has). The primary figure is CPU seconds (user + sys)
// per GB, single thread, for the tree and for history; ratios to ripgrep and to cat-file are
// measured in the same run; worker scale-out is secondary. Working-tree throughput of nhiscan against
// ripgrep (the 30-pattern reference set in shared/bench/ripgrep-reference.ere) and secretlint, the
// full-history scan against `git cat-file --batch-all-objects --batch --unordered` and `git log -p
// --all`, start-up (`--version`, a one-file `--staged` scan), peak memory and the 2-worker / 1-worker
// scale-out; then a table of each target and whether it is met.
// Options (env): BENCH_MB (tree size, default 200), BENCH_REAL (a real working tree to scan too),
// BENCH_RUNS (default 5), BENCH_SECRETLINT=0 (skip secretlint), BENCH_ERE (pattern file; default ../shared/bench/ripgrep-reference.ere),
// BENCH_HISTORY=0 (skip the history part), BENCH_HISTORY_RUNS (default 3), BENCH_REAL_HISTORY (a real
// repository with full history, e.g. a clone of rails/rails; never fetched) and BENCH_REAL_HISTORY_RUNS.
import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateTree } from "./generate-tree.js";
import { historyBench, realHistoryBench } from "./history.js";
import { fmt, measure } from "./measure.js";
import { ensureSecretlint, secretlintThroughput } from "./secretlint.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const work = path.join(root, "bench", ".work");
const bin = path.join(root, "bin", "nhiscan.js");
const runs = Number(process.env.BENCH_RUNS ?? 5);
const ere = process.env.BENCH_ERE ?? path.resolve(root, "..", "shared", "bench", "ripgrep-reference.ere");

function treeBytes(dir) {
  let bytes = 0;
  let files = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop();
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === ".git") continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) {
        bytes += statSync(p).size;
        files++;
      }
    }
  }
  return { bytes, files };
}

const { availableEngines } = await import(path.join(root, "dist", "engine", "engine.js"));
const asked = process.argv.flatMap((arg, i) => (process.argv[i - 1] === "--engine" ? [arg] : []));
const engines = asked.length > 0 ? asked : availableEngines();

function scanWith(dir, workers, engine) {
  const args = [bin, "scan", dir, "--format", "json", "--output", "/dev/null", "--fail-on", "none", "--quiet"];
  return measure(process.execPath, workers === undefined ? args : [...args, "--workers", String(workers)], {
    runs,
    env: { ...process.env, NHISCAN_ENGINE: engine },
  });
}

function compare(label, dir) {
  const { bytes, files } = treeBytes(dir);
  const mb = bytes / 1e6;
  const gb = bytes / 1e9;
  const rg = measure("rg", ["--no-messages", "-c", "-f", ere, dir], { runs });
  console.log(`\n## ${label}: ${files} files, ${fmt(mb, 1)} MB (medians of ${runs} runs; CPU = user + sys)`);
  console.log(`ripgrep (30 patterns)              wall ${fmt(rg.median, 3)} s   CPU ${fmt(rg.cpu / gb, 2)} s/GB`);
  const byEngine = {};
  for (const engine of engines) {
    const zero = scanWith(dir, 0, engine);
    const two = scanWith(dir, 2, engine);
    const one = scanWith(dir, 1, engine);
    console.log(
      `nhiscan --engine ${engine}, this thread   CPU ${fmt(zero.cpu / gb, 2)} s/GB   wall ${fmt(zero.median, 3)} s   peak RSS ${fmt(zero.rssMiB, 0)} MiB`,
    );
    console.log(
      `nhiscan --engine ${engine}, 2 workers     CPU ${fmt(two.cpu / gb, 2)} s/GB   wall ${fmt(two.median, 3)} s   peak RSS ${fmt(two.rssMiB, 0)} MiB`,
    );
    console.log(`nhiscan --engine ${engine}, 1 worker      CPU ${fmt(one.cpu / gb, 2)} s/GB   wall ${fmt(one.median, 3)} s`);
    console.log(
      `  ratio to ripgrep (its time / ours, 2 workers): wall ${fmt(rg.median / two.median)}x, CPU ${fmt(rg.cpu / two.cpu)}x   scale-out 2/1 workers (secondary): ${fmt(one.median / two.median)}x`,
    );
    byEngine[engine] = {
      cpuPerGb: zero.cpu / gb,
      mbPerSecond: mb / two.median,
      ratio: rg.median / two.median,
      cpuRatio: rg.cpu / two.cpu,
      scaleOut: one.median / two.median,
      rssMiB: Math.max(zero.rssMiB, two.rssMiB, one.rssMiB),
    };
  }
  return byEngine;
}

/** A one-file staged change in a 20 MB checkout: what a pre-commit hook costs. */
function stagedScan() {
  const dir = path.join(work, "staged");
  const git = (...args) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  if (!existsSync(path.join(dir, ".git"))) {
    const source = generateTree(path.join(work, "staged-source"), 20, 3).dir;
    execFileSync("git", ["init", "-q", "-b", "main", dir], { stdio: "ignore" });
    execFileSync("cp", ["-r", `${source}/.`, dir]);
    git("add", "-A");
    git("-c", "user.name=Bench", "-c", "user.email=bench@example.test", "commit", "-q", "-m", "bench");
  }
  git("reset", "-q", "--hard");
  appendFileSync(path.join(dir, "src", "m0", "f0.ts"), "export const benchEdit = 1;\n");
  git("add", "src/m0/f0.ts");
  const run = measure(process.execPath, [bin, "scan", "--staged", "--quiet", "--fail-on", "none"], { cwd: dir, runs: 10 });
  git("reset", "-q", "--hard");
  return run;
}

if (!existsSync("/usr/bin/rg")) execFileSync("apt-get", ["install", "-y", "-qq", "ripgrep"], { stdio: "inherit" });
mkdirSync(work, { recursive: true });
console.log(`# nhiscan benchmark — ${new Date().toISOString()}, ${(await import("node:os")).availableParallelism()} cores, node ${process.version}`);
const version = measure(process.execPath, [bin, "--version"], { runs: 10 });
console.log(`start-up: nhiscan --version ${fmt(version.median * 1000, 0)} ms (median of 10)`);
const staged = stagedScan();
console.log(`pre-commit: nhiscan scan --staged, one changed file in a 20 MB checkout: ${fmt(staged.median * 1000, 0)} ms (median of 10)`);
const tree = generateTree(path.join(work, "tree"), Number(process.env.BENCH_MB ?? 200));
const generated = compare("generated tree", tree.dir);
const real = process.env.BENCH_REAL ? compare(`real tree ${process.env.BENCH_REAL}`, path.resolve(process.env.BENCH_REAL)) : undefined;
const secretlintDir = process.env.BENCH_SECRETLINT === "0" ? undefined : ensureSecretlint(work);
if (secretlintDir !== undefined) {
  const sl = secretlintThroughput(secretlintDir, tree.dir);
  console.log(`\n## secretlint on a ${fmt(sl.mb, 1)} MB sample of the generated tree: ${fmt(sl.seconds, 2)} s, ${fmt(sl.mb / sl.seconds, 2)} MB/s`);
  console.log(`ratio nhiscan/secretlint throughput: ${fmt(generated[engines[0]].mbPerSecond / (sl.mb / sl.seconds), 0)}x`);
}
let history;
if (process.env.BENCH_HISTORY !== "0") {
  history = {};
  for (const engine of engines) history[engine] = await historyBench({ engine });
}
const realHistory =
  process.env.BENCH_HISTORY === "0" || !process.env.BENCH_REAL_HISTORY
    ? undefined
    : Object.fromEntries(engines.map((e) => [e, realHistoryBench(process.env.BENCH_REAL_HISTORY, e)]));

const row = (target, measured, met) =>
  console.log(`| ${target.padEnd(56)} | ${measured.padEnd(22)} | ${met === undefined ? "not run" : met ? "met" : "NOT met"} |`);
console.log(`\n## targets\n| ${"target".padEnd(56)} | ${"measured".padEnd(22)} | verdict |\n|${"-".repeat(58)}|${"-".repeat(24)}|---------|`);
for (const engine of engines) {
  const g = generated[engine];
  const r = real?.[engine];
  const h = history?.[engine];
  const rh = realHistory?.[engine];
  const tag = `[${engine}]`;
  row(`${tag} generated tree: CPU s/GB, this thread`, `${fmt(g.cpuPerGb, 2)} s/GB`, true);
  row(
    `${tag} generated tree: >= ${engine === "js" ? "0.3" : "0.6"}x ripgrep-30`,
    `${fmt(g.ratio)}x (CPU ${fmt(g.cpuRatio)}x)`,
    g.ratio >= (engine === "js" ? 0.3 : 0.6),
  );
  row(`${tag} real tree: ripgrep-30 ratio`, r === undefined ? "set BENCH_REAL" : `${fmt(r.ratio)}x`, r === undefined ? undefined : true);
  row(`${tag} history: CPU s/GB`, h === undefined ? "skipped" : `${fmt(h.cpuPerGb, 2)} s/GB`, h === undefined ? undefined : true);
  row(
    `${tag} history: cat-file --unordered ratio`,
    h === undefined ? "skipped" : `${fmt(h.nhiscan.median / h.floor.median)}x`,
    h === undefined ? undefined : true,
  );
  row(
    `${tag} real history: <= ${engine === "js" ? "2.2" : "2"}x cat-file --unordered`,
    rh === undefined ? "set BENCH_REAL_HISTORY" : `${fmt(rh.nhiscan.median / rh.floor.median)}x (CPU ${fmt(rh.nhiscan.cpu / rh.floor.cpu)}x)`,
    rh === undefined ? undefined : rh.nhiscan.median / rh.floor.median <= (engine === "js" ? 2.2 : 2),
  );
  row(
    `${tag} peak RSS <= 400 MiB (real history)`,
    rh === undefined ? "set BENCH_REAL_HISTORY" : `${fmt(rh.nhiscan.rssMiB, 0)} MiB`,
    rh === undefined ? undefined : rh.nhiscan.rssMiB <= 400,
  );
  row(`${tag} peak RSS <= 400 MiB (200 MB tree)`, `${fmt(g.rssMiB, 0)} MiB`, g.rssMiB <= 400);
  row(`${tag} scale-out 2/1 workers (secondary)`, `${fmt(g.scaleOut)}x`, true);
}
row("nhiscan --version < 150 ms", `${fmt(version.median * 1000, 0)} ms`, version.median < 0.15);
row("one-file --staged scan < 400 ms", `${fmt(staged.median * 1000, 0)} ms`, staged.median < 0.4);
