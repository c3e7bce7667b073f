// `npm run bench`: working-tree throughput of nhiscan against ripgrep (the 30-pattern reference
// set in shared/bench/ripgrep-reference.ere) and secretlint, measured in the same run, plus
// start-up time, peak memory and the 2-worker / 1-worker scale-out.
// Options (env): BENCH_MB (tree size, default 200), BENCH_REAL (a real working tree to scan too),
// BENCH_RUNS (default 5), BENCH_ERE (pattern file; default ../shared/bench/ripgrep-reference.ere).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateTree } from "./generate-tree.js";
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
  return { mbPerSecond: mb / two.median };
}

if (!existsSync("/usr/bin/rg")) execFileSync("apt-get", ["install", "-y", "-qq", "ripgrep"], { stdio: "inherit" });
mkdirSync(work, { recursive: true });
console.log(`# nhiscan benchmark — ${new Date().toISOString()}, ${(await import("node:os")).availableParallelism()} cores, node ${process.version}`);
const version = measure(process.execPath, [bin, "--version"], { runs: 10 });
console.log(`start-up: nhiscan --version ${fmt(version.median * 1000, 0)} ms (median of 10)`);
const tree = generateTree(path.join(work, "tree"), Number(process.env.BENCH_MB ?? 200));
const generated = compare("generated tree", tree.dir);
if (process.env.BENCH_REAL) compare(`real tree ${process.env.BENCH_REAL}`, path.resolve(process.env.BENCH_REAL));
const secretlintDir = ensureSecretlint(work);
if (secretlintDir !== undefined) {
  const sl = secretlintThroughput(secretlintDir, tree.dir);
  console.log(`\n## secretlint on a ${fmt(sl.mb, 1)} MB sample of the generated tree: ${fmt(sl.seconds, 2)} s, ${fmt(sl.mb / sl.seconds, 2)} MB/s`);
  console.log(`ratio nhiscan/secretlint throughput: ${fmt(generated.mbPerSecond / (sl.mb / sl.seconds), 0)}x`);
}
