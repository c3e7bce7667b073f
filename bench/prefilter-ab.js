// `node bench/prefilter-ab.js DIR...`: the keyword prefilter engines A/B (issue 13). For each
// working tree: the JSON reports with NHISCAN_PREFILTER=wasm and with NHISCAN_PREFILTER=js
// must be identical (volatile fields stripped, warning order ignored), then alternating timed
// runs of both, medians. Options (env): AB_RUNS (default 5), AB_WORKERS (default: the CLI's).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fmt, runOnce } from "./measure.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "bin", "nhiscan.js");
const runs = Number(process.env.AB_RUNS ?? 5);
const engines = { wasm: "wasm", js: "js" };

function scan(dir, engine) {
  const args = [bin, "scan", dir, "--format", "json", "--show-secrets", "--fail-on", "none", "--quiet"];
  if (process.env.AB_WORKERS !== undefined) args.push("--workers", process.env.AB_WORKERS);
  return runOnce(process.execPath, args, { env: { ...process.env, NHISCAN_PREFILTER: engine } });
}

/** The report without what differs between two identical scans: times, and warning order. */
function comparable(stdout) {
  const report = JSON.parse(stdout);
  const sorted = (list) => (list ?? []).map((x) => JSON.stringify(x)).sort();
  return JSON.stringify({ ...report, warnings: sorted(report.warnings), suppressions: sorted(report.suppressions) }, (key, value) =>
    key === "scannedAt" || key === "durationMs" ? undefined : value,
  );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
let failed = false;
for (const dir of process.argv.slice(2)) {
  const first = Object.fromEntries(Object.values(engines).map((e) => [e, scan(dir, e)]));
  const same = comparable(first.wasm.stdout) === comparable(first.js.stdout);
  failed ||= !same;
  const times = { wasm: [], js: [] };
  for (let i = 0; i < runs; i++) for (const e of i % 2 === 0 ? ["wasm", "js"] : ["js", "wasm"]) times[e].push(scan(dir, e).seconds);
  const [w, j] = [median(times.wasm), median(times.js)];
  console.log(`${dir}: findings ${same ? "identical" : "DIFFER"}; median of ${runs} alternating runs: wasm ${fmt(w, 3)} s, js ${fmt(j, 3)} s, wasm/js ${fmt(w / j, 3)}`);
  console.log(`  wasm ${times.wasm.map((t) => fmt(t, 2)).join(" ")} | js ${times.js.map((t) => fmt(t, 2)).join(" ")}`);
}
process.exitCode = failed ? 1 : 0;
