// `npm run bench:engines`: single-thread throughput of each match engine over the same rules and
// texts, in this process: the keyword pass alone (`engine.scan`), and the pass with every hit
// rule verified in its windows (what the regex detector does). CPU time, MB/s.
// Usage: node bench/engines.js [DIR] (default: the generated 200 MB tree of `npm run bench`).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DETECTORS } from "../dist/detectors/index.js";
import { buildPrefilter } from "../dist/detectors/keyword-prefilter.js";
import { availableEngines, createEngine, engineSpec } from "../dist/engine/engine.js";
import { matchRuleIn } from "../dist/rules/match.js";
import { loadBuiltinRules } from "../dist/rules/load.js";
import { generateTree } from "./generate-tree.js";
import { fmt } from "./measure.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dir = process.argv[2] ?? path.join(root, "bench", ".work", "tree");
if (process.argv[2] === undefined && !existsSync(dir)) generateTree(dir, 200);

const texts = [];
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    if (e.name === ".git") continue;
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile()) texts.push(readFileSync(p, "utf8"));
  }
};
walk(dir);
const mb = texts.reduce((n, t) => n + t.length, 0) / 1e6;
const rules = loadBuiltinRules();
const triggers = Object.values(DETECTORS).flatMap((d) => d.triggers ?? []);

function cpu(work) {
  const start = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(start);
  return { seconds: (used.user + used.system) / 1e6, result };
}

console.log(`${texts.length} files, ${fmt(mb, 1)} MB (UTF-16 code units), ${rules.length} rules`);
for (const name of availableEngines()) {
  const engine = createEngine(engineSpec(rules, triggers), name);
  const prefilter = buildPrefilter(rules, triggers, name);
  const pass = cpu(() => texts.reduce((n, t) => n + engine.scan(t).keywords.count, 0));
  const verified = cpu(() => {
    let matches = 0;
    for (const text of texts) {
      const hits = prefilter.scan(text);
      for (const rule of hits.rules) matches += matchRuleIn(rule, text, hits.windowsOf(rule)).length;
    }
    return matches;
  });
  console.log(
    `${name.padEnd(10)} keyword pass ${fmt(pass.seconds)} s ${fmt(mb / pass.seconds, 0)} MB/s (${pass.result} occurrences)   ` +
      `with rules verified ${fmt(verified.seconds)} s ${fmt(mb / verified.seconds, 0)} MB/s (${verified.result} matches)`,
  );
}
