// `npm run bench:accuracy`: writes a seeded corpus of realistic files (source in several
// languages, .env, YAML, JSON, Terraform, Dockerfiles, CI files, notebooks, docs) with planted
// format-valid FAKE credentials of every rule family and detector, plus decoys; writes the truth
// file; scans the corpus with the built CLI; prints recall and precision per family and overall.
// Then the carrier matrix: every rule example in ten carriers (.txt, no extension, .log, JSON, YAML,
// .env, XML attribute, shell export, code literal, Markdown), recall per carrier and per category.
// Then scores each part of the hand-written real-world corpus (fixtures/realworld*, see its README)
// per category, at the default confidence and at --min-confidence medium.
// Options: env BENCH_SEED (default 1); `--verbose` or BENCH_VERBOSE=1 lists misses and false positives.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadBuiltinRules } from "../dist/rules/load.js";
import { runCarrierMatrix } from "./accuracy/carrier-matrix.js";
import { generateCorpus } from "./accuracy/generate.js";
import { loadTruth, printRealworld, realworldParts, scanRealworld, scoreRealworld } from "./accuracy/realworld.js";
import { familyOfRule, locationsOf, ratio, score } from "./accuracy/score.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const work = path.join(root, "bench", ".work", "accuracy");
const corpusDir = path.join(work, "corpus");
const seed = Number(process.env.BENCH_SEED ?? 1);
const verbose = process.env.BENCH_VERBOSE === "1" || process.argv.includes("--verbose");

function generate(rules) {
  const generated = generateCorpus(corpusDir, rules, seed);
  writeFileSync(path.join(work, "truth.json"), `${JSON.stringify(generated.truth, null, 1)}\n`);
  return generated;
}

function scanCorpus() {
  const args = [path.join(root, "bin", "nhiscan.js"), "scan", corpusDir, "--format", "json", "--show-secrets", "--fail-on", "none", "--quiet"];
  const out = execFileSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 28 });
  writeFileSync(path.join(work, "report.json"), out);
  return JSON.parse(out);
}

const pct = (x) => `${(100 * x).toFixed(1)}%`.padStart(7);

function print(result, context) {
  console.log(`accuracy corpus: seed ${seed}, ${context.files} files, ${context.planted} planted credentials, ${context.decoys} decoy blocks`);
  if (context.skipped.length > 0) console.log(`rules without a mutable example (not planted): ${context.skipped.join(", ")}`);
  console.log(`\n${"family".padEnd(22)} planted recalled  recall reported     TP precision`);
  for (const r of [...result.rows, result.total]) {
    const recall = r.planted === 0 ? "      -" : pct(ratio(r.recalled, r.planted));
    const precision = r.reported === 0 ? "      -" : pct(ratio(r.truePositives, r.reported));
    console.log(
      `${r.family.padEnd(22)} ${String(r.planted).padStart(7)} ${String(r.recalled).padStart(8)} ${recall} ${String(r.reported).padStart(8)} ${String(r.truePositives).padStart(6)} ${precision}`,
    );
  }
  console.log(`\ndecoy blocks with a finding: ${result.decoysHit} of ${result.decoys}`);
  if (!verbose) return;
  for (const r of result.rows) {
    for (const m of r.misses) console.log(`MISS ${r.family}: ${m}`);
    for (const f of r.falsePositives) console.log(`FP   ${r.family}: ${f}`);
  }
}

const rules = loadBuiltinRules();
const { truth, skipped, files } = generate(rules);
const report = scanCorpus();
const result = score(truth, locationsOf(report), familyOfRule(rules));
print(result, { files, skipped, planted: truth.filter((t) => !t.decoy).length, decoys: truth.filter((t) => t.decoy).length });

// Context-free recall: every rule example in ten carriers (issue 18 item 5).
runCarrierMatrix(root, work, rules, verbose);

for (const part of realworldParts(path.join(root, "fixtures"))) {
  const realTruth = loadTruth(part.dir);
  const atDefault = scoreRealworld(realTruth, scanRealworld(root, part.dir));
  const atMedium = scoreRealworld(realTruth, scanRealworld(root, part.dir, "medium"));
  printRealworld(realTruth, atDefault, atMedium, verbose, part.name);
}
