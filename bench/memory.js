// `npm run bench:memory`: peak RSS of nhiscan on a 1 GiB working tree and, when a history
// benchmark repository exists (npm run bench:history builds it), on its full history.
// Target (issue 8): under 500 MiB, whatever the input size.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateTree } from "./generate-tree.js";
import { fmt, runOnce } from "./measure.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "bin", "nhiscan.js");
const work = path.join(root, "bench", ".work");
const mb = Number(process.env.BENCH_MEMORY_MB ?? 1024);
const LIMIT_MIB = 500;

function report(label, args) {
  const run = runOnce(process.execPath, [bin, "scan", ...args, "--format", "json", "--output", "/dev/null", "--fail-on", "none", "--quiet"]);
  const verdict = run.rssMiB < LIMIT_MIB ? "ok" : "OVER LIMIT";
  console.log(`${label}: ${fmt(run.seconds, 1)} s, peak RSS ${fmt(run.rssMiB, 0)} MiB (limit ${LIMIT_MIB} MiB: ${verdict}), exit ${run.status}`);
}

const tree = generateTree(path.join(work, `tree-${mb}`), mb, 7);
report(`working tree of ${mb} MB`, [tree.dir]);
const history = path.join(work, "history-30000-2000");
if (existsSync(history)) report("full history of bench/.work/history-30000-2000", ["--history", history]);
else console.log("no history repository yet: run `npm run bench:history` first to include the history scan");
