// `npm run bench`: every performance target in one run. Working-tree throughput of nhiscan against
// ripgrep (the 30-pattern reference set in shared/bench/ripgrep-reference.ere) and secretlint, the
// full-history scan against `git cat-file --batch-all-objects --batch --unordered` and `git log -p
// --all`, start-up (`--version`, a one-file `--staged` scan), peak memory and the 2-worker / 1-worker
// scale-out; then a table of each target and whether it is met.
// Options (env): BENCH_MB (tree size, default 200), BENCH_REAL (a real working tree to scan too),
// BENCH_RUNS (default 5), BENCH_ERE (pattern file; default ../shared/bench/ripgrep-reference.ere),
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
      else if (e.isFile()) (bytes += statSync(p).size), files++;
    }
  }
  return { bytes, files };
}

function scanWith(dir, workers) {
  const args = [bin, "scan", dir, "--format", "json", "--output", "/dev/null", "--fail-on", "none", "--quiet"];
  return measure(process.execPath, workers === undefined ? args : [...args, "--workers", String(workers)], { runs });
}

function compare(label, dir) {
  const { bytes, files } = treeBytes(dir);
  const mb = bytes / 1e6;
  const rg = measure("rg", ["--no-messages", "-c", "-f", ere, dir], { runs });
  const two = scanWith(dir, 2);
  const one = scanWith(dir, 1);
  console.log(`\n## ${label}: ${files} files, ${fmt(mb, 1)} MB`);
  console.log(`ripgrep (30 patterns)   ${fmt(rg.median, 3)} s   ${fmt(mb / rg.median, 0)} MB/s`);
  console.log(`nhiscan, 2 workers      ${fmt(two.median, 3)} s   ${fmt(mb / two.median, 0)} MB/s   peak RSS ${fmt(two.rssMiB, 0)} MiB`);
  console.log(`nhiscan, 1 worker       ${fmt(one.median, 3)} s   ${fmt(mb / one.median, 0)} MB/s   peak RSS ${fmt(one.rssMiB, 0)} MiB`);
  console.log(`ratio nhiscan/ripgrep throughput: ${fmt(rg.median / two.median)}x   scale-out 2/1 workers: ${fmt(one.median / two.median)}x`);
  return { mbPerSecond: mb / two.median, ratio: rg.median / two.median, scaleOut: one.median / two.median, rssMiB: Math.max(two.rssMiB, one.rssMiB) };
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
const secretlintDir = ensureSecretlint(work);
if (secretlintDir !== undefined) {
  const sl = secretlintThroughput(secretlintDir, tree.dir);
  console.log(`\n## secretlint on a ${fmt(sl.mb, 1)} MB sample of the generated tree: ${fmt(sl.seconds, 2)} s, ${fmt(sl.mb / sl.seconds, 2)} MB/s`);
  console.log(`ratio nhiscan/secretlint throughput: ${fmt(generated.mbPerSecond / (sl.mb / sl.seconds), 0)}x`);
}
const history = process.env.BENCH_HISTORY === "0" ? undefined : await historyBench();
const realHistory = process.env.BENCH_HISTORY === "0" ? undefined : realHistoryBench();

const row = (target, measured, met) => console.log(`| ${target.padEnd(56)} | ${measured.padEnd(22)} | ${met === undefined ? "not run" : met ? "met" : "NOT met"} |`);
console.log(`\n## targets\n| ${"target".padEnd(56)} | ${"measured".padEnd(22)} | verdict |\n|${"-".repeat(58)}|${"-".repeat(24)}|---------|`);
row("generated tree: >= 0.5x ripgrep throughput", `${fmt(generated.ratio)}x`, generated.ratio >= 0.5);
row("real tree: >= 0.5x ripgrep throughput", real === undefined ? "set BENCH_REAL" : `${fmt(real.ratio)}x`, real === undefined ? undefined : real.ratio >= 0.5);
row("history: <= 2x cat-file --batch-all-objects --unordered", history === undefined ? "skipped" : `${fmt(history.nhiscan.median / history.floor.median)}x`, history === undefined ? undefined : history.nhiscan.median <= 2 * history.floor.median);
row("history: faster than git log -p --all", history === undefined ? "skipped" : `${fmt(history.nhiscan.median / history.logP.median)}x its time`, history === undefined ? undefined : history.nhiscan.median < history.logP.median);
row("real history: <= 2x cat-file --unordered", realHistory === undefined ? "set BENCH_REAL_HISTORY" : `${fmt(realHistory.nhiscan.median / realHistory.floor.median)}x`, realHistory === undefined ? undefined : realHistory.nhiscan.median <= 2 * realHistory.floor.median);
row("peak RSS <= 400 MiB (real history)", realHistory === undefined ? "set BENCH_REAL_HISTORY" : `${fmt(realHistory.nhiscan.rssMiB, 0)} MiB`, realHistory === undefined ? undefined : realHistory.nhiscan.rssMiB <= 400);
row("peak RSS <= 400 MiB (200 MB tree)", `${fmt(generated.rssMiB, 0)} MiB`, generated.rssMiB <= 400);
row("peak RSS <= 400 MiB (history)", history === undefined ? "skipped" : `${fmt(history.nhiscan.rssMiB, 0)} MiB`, history === undefined ? undefined : history.nhiscan.rssMiB <= 400);
row("nhiscan --version < 150 ms", `${fmt(version.median * 1000, 0)} ms`, version.median < 0.15);
row("one-file --staged scan < 400 ms", `${fmt(staged.median * 1000, 0)} ms`, staged.median < 0.4);
row("scale-out 2/1 workers >= 1.7x (generated tree)", `${fmt(generated.scaleOut)}x`, generated.scaleOut >= 1.7);
