// The real-world corpus (fixtures/realworld, issue 12): hand-written files with a truth file of
// credential lines, written without reading the detectors. Scanned as committed, with the built
// CLI, and scored per category: recall over labelled lines, precision over reported locations.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

/** Files in the corpus folder that document it and are not part of it. */
const NOT_CORPUS = new Set(["README.md", "truth.yaml"]);

/** The truth file as a map path → { category, credentials: Map(line → reason), neutral: Set(line) }. */
/**
 * The parts of the corpus: every `fixtures/realworld*` folder with a truth.yaml. Part 1
 * (fixtures/realworld) is frozen; later parts are written by people who do not read the detectors,
 * and each is scored and printed on its own so that no part's score hides another's.
 */
export function realworldParts(fixturesDir) {
  return readdirSync(fixturesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^realworld(?:-[\w-]+)?$/.test(e.name) && existsSync(path.join(fixturesDir, e.name, "truth.yaml")))
    .map((e) => ({ name: e.name, dir: path.join(fixturesDir, e.name) }))
    .sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }));
}

export function loadTruth(dir) {
  const doc = parse(readFileSync(path.join(dir, "truth.yaml"), "utf8"));
  const files = new Map();
  for (const [file, entry] of Object.entries(doc.files)) {
    files.set(file, {
      category: entry.category,
      credentials: new Map(Object.entries(entry.credentials ?? {}).map(([line, reason]) => [Number(line), reason])),
      neutral: new Set(Object.keys(entry.neutral ?? {}).map(Number)),
    });
  }
  return files;
}

/** Scans the corpus with the CLI and returns every reported location (no raw secrets). */
export function scanRealworld(root, dir, minConfidence) {
  const args = [path.join(root, "bin", "nhiscan.js"), "scan", dir, "--format", "json", "--fail-on", "none", "--quiet"];
  if (minConfidence !== undefined) args.push("--min-confidence", minConfidence);
  const report = JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 28 }));
  return report.items.flatMap((item) => item.locations);
}

/** Recall and precision per category, plus totals and the findings in secret-free files. */
export function scoreRealworld(truth, locations) {
  const rows = new Map();
  const row = (category) => {
    if (!rows.has(category)) rows.set(category, { category, lines: 0, found: 0, reported: 0, truePositives: 0, misses: [], falsePositives: [] });
    return rows.get(category);
  };
  for (const [, f] of truth) row(f.category).lines += f.credentials.size;
  const hitLines = new Set();
  let outside = 0;
  let managed = 0;
  let inSecretFree = 0;
  const secretFreeHit = new Set();
  for (const l of locations) {
    // A reference to a managed secret (`${{ secrets.X }}`, `secretKeyRef`) is inventoried by design
    // and claims no leak: neither a hit nor a false positive.
    if (l.kind === "managed-reference") {
      managed++;
      continue;
    }
    const f = truth.get(l.path);
    if (f === undefined) {
      if (!NOT_CORPUS.has(l.path)) row("(not in truth file)").reported++;
      else outside++;
      continue;
    }
    const r = row(f.category);
    r.reported++;
    if (f.credentials.has(l.line)) {
      r.truePositives++;
      hitLines.add(`${l.path}:${l.line}`);
    } else if (f.neutral.has(l.line)) {
      r.truePositives++;
    } else {
      r.falsePositives.push(`${l.path}:${l.line} ${l.ruleId} ${l.confidence} ${l.preview}`);
      if (f.credentials.size === 0) {
        inSecretFree++;
        secretFreeHit.add(l.path);
      }
    }
  }
  for (const [file, f] of truth) {
    const r = row(f.category);
    for (const [line, reason] of f.credentials) {
      if (hitLines.has(`${file}:${line}`)) r.found++;
      else r.misses.push(`${file}:${line} (${reason})`);
    }
  }
  const list = [...rows.values()].sort((a, b) => a.category.localeCompare(b.category));
  const sum = (k) => list.reduce((n, r) => n + r[k], 0);
  const total = { category: "total", lines: sum("lines"), found: sum("found"), reported: sum("reported"), truePositives: sum("truePositives") };
  const secretFree = [...truth.values()].filter((f) => f.credentials.size === 0).length;
  return { rows: list, total, secretFree: { files: secretFree, filesHit: secretFreeHit.size, findings: inSecretFree }, outside, managed };
}

const pct = (a, b) => (b === 0 ? "      -" : `${((100 * a) / b).toFixed(1)}%`.padStart(7));

/** Prints the default-confidence and medium-confidence scores side by side. */
export function printRealworld(truth, atDefault, atMedium, verbose, name = "realworld") {
  const files = truth.size;
  console.log(`\nreal-world corpus (fixtures/${name}): ${files} files, ${atDefault.secretFree.files} secret-free, ${atDefault.total.lines} credential lines`);
  console.log(`${"".padEnd(20)} ${"default confidence".padEnd(42)} | --min-confidence medium`);
  console.log(
    `${"category".padEnd(20)} ${"lines".padStart(5)} ${"found".padStart(5)}  recall reported    TP precision | found  recall reported    TP precision`,
  );
  const byCategory = new Map(atMedium.rows.map((r) => [r.category, r]));
  for (const r of [...atDefault.rows, atDefault.total]) {
    const m = r === atDefault.total ? atMedium.total : (byCategory.get(r.category) ?? { found: 0, reported: 0, truePositives: 0 });
    const side = (x) =>
      `${String(x.found).padStart(5)} ${pct(x.found, r.lines)} ${String(x.reported).padStart(8)} ${String(x.truePositives).padStart(5)} ${pct(x.truePositives, x.reported)}`;
    console.log(`${r.category.padEnd(20)} ${String(r.lines).padStart(5)} ${side(r)} |${side(m)}`);
  }
  const sf = (s) => `${s.findings} findings in ${s.filesHit} of ${s.files} files`;
  console.log(`secret-free look-alikes: ${sf(atDefault.secretFree)} (default); ${sf(atMedium.secretFree)} (medium)`);
  console.log(`managed-secret references (inventoried, not scored): ${atDefault.managed}`);
  if (atDefault.outside > 0) console.log(`findings in README.md/truth.yaml (not scored): ${atDefault.outside}`);
  if (!verbose) return;
  for (const r of atDefault.rows) {
    for (const m of r.misses) console.log(`MISS ${r.category}: ${m}`);
    for (const f of r.falsePositives) console.log(`FP   ${r.category}: ${f}`);
  }
}
