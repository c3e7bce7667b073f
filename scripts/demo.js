// `npm run demo`: builds the demo repository and scans it, history included.
// The planted credentials fail the default policy, so nhiscan exits 1; that is the expected
// outcome of the demo, and this script then exits 0.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makeDemo } from "./make-demo.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = makeDemo();
const flags = process.argv.length > 2 ? process.argv.slice(2) : ["--history"];
const args = [path.join(root, "bin", "nhiscan.js"), "scan", target, ...flags];
process.stderr.write(`$ nhiscan scan ${path.relative(process.cwd(), target)} ${flags.join(" ")}\n\n`);
const { status } = spawnSync(process.execPath, args, { stdio: "inherit" });
if (status === 1) {
  process.stderr.write("\nnhiscan exited 1: the planted fake credentials fail the default policy, as intended.\n");
} else if (status !== 0) {
  process.exitCode = status ?? 3;
}
