// The carrier matrix (issue 18 item 5) as a benchmark: every example of every loaded rule written
// into the ten carriers of scripts/carriers.js, scanned with the built CLI; prints recall per
// carrier and per category (rule file), and how many negative examples the rule matched anyway.
// The test test/carriers/carrier-matrix.test.ts asserts the same matrix (with its listed exceptions).
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CARRIERS, carry } from "../../scripts/carriers.js";

const normal = (s) => String(s ?? "").replace(/\\n|\s/g, "");
const overlaps = (found, expected) => {
  const f = normal(found);
  const e = normal(expected);
  return f === e || f.includes(e) || (f.length >= 8 && e.includes(f));
};

/** Every example and negative example of every rule, with the category (rule file) it belongs to. */
export function carrierPlants(rules) {
  return rules.flatMap((rule) => {
    const category = path.basename(rule.source, ".yaml");
    return [
      ...rule.spec.examples.map((e, i) => ({ id: `${rule.spec.id}#${i}`, ruleId: rule.spec.id, category, input: e.input, secret: e.secret, negative: false })),
      ...rule.spec.negativeExamples.map((n, i) => ({
        id: `${rule.spec.id}#neg${i}`,
        ruleId: rule.spec.id,
        category,
        input: n,
        secret: undefined,
        negative: true,
      })),
    ];
  });
}

export const carrierFile = (plant, carrier) => `${carrier}/${plant.id.replace(/[^\w.-]/g, "_")}/${carry(carrier, plant.input, plant.secret).file}`;

/** Writes every plant into every carrier under `dir`. */
export function writeCarriers(dir, plants) {
  rmSync(dir, { recursive: true, force: true });
  for (const plant of plants) {
    for (const carrier of CARRIERS) {
      const rel = carrierFile(plant, carrier);
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), carry(carrier, plant.input, plant.secret).text);
    }
  }
}

/**
 * Found: a finding in the plant's file holding the example's secret (any rule, any confidence); in
 * Markdown also a value suppressed as documentation (found at low confidence, listed in
 * suppressions; each file holds one example). Flagged: the rule itself matched a negative example.
 */
export function scoreCarriers(plants, report) {
  const documented = new Set((report.suppressions ?? []).filter((s) => s.reason === "false-positive:documentation-or-test").map((s) => s.path));
  const byPath = new Map();
  for (const item of report.items) {
    for (const l of item.locations) byPath.set(l.path, [...(byPath.get(l.path) ?? []), { secret: item.secret ?? "", ruleId: l.ruleId }]);
  }
  const rows = [];
  for (const plant of plants) {
    for (const carrier of CARRIERS) {
      const found = byPath.get(carrierFile(plant, carrier)) ?? [];
      const hit = plant.negative
        ? found.some((f) => f.ruleId === plant.ruleId)
        : found.some((f) => plant.secret === undefined || overlaps(f.secret, plant.secret)) ||
          (carrier === "markdown" && documented.has(carrierFile(plant, carrier)));
      rows.push({ plant, carrier, hit });
    }
  }
  return rows;
}

export function runCarrierMatrix(root, workDir, rules, verbose) {
  const plants = carrierPlants(rules);
  const dir = path.join(workDir, "carriers");
  writeCarriers(dir, plants);
  const args = [path.join(root, "bin", "nhiscan.js"), "scan", dir, "--format", "json", "--show-secrets", "--fail-on", "none", "--quiet"];
  const report = JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 28 }));
  const rows = scoreCarriers(plants, report);
  printCarrierMatrix(rows, verbose);
  return rows;
}

const pct = (a, b) => (b === 0 ? "      -" : `${((100 * a) / b).toFixed(1)}%`.padStart(7));

export function printCarrierMatrix(rows, verbose) {
  const positives = rows.filter((r) => !r.plant.negative);
  const negatives = rows.filter((r) => r.plant.negative);
  console.log(
    `\ncarrier matrix: ${new Set(positives.map((r) => r.plant.id)).size} rule examples and ${new Set(negatives.map((r) => r.plant.id)).size} negative examples in ${CARRIERS.length} carriers`,
  );
  console.log(`${"carrier".padEnd(16)} examples  found  recall | negatives flagged`);
  for (const carrier of CARRIERS) {
    const p = positives.filter((r) => r.carrier === carrier);
    const n = negatives.filter((r) => r.carrier === carrier);
    const found = p.filter((r) => r.hit).length;
    console.log(
      `${carrier.padEnd(16)} ${String(p.length).padStart(8)} ${String(found).padStart(6)} ${pct(found, p.length)} | ${String(n.length).padStart(9)} ${String(n.filter((r) => r.hit).length).padStart(7)}`,
    );
  }
  const categories = [...new Set(positives.map((r) => r.plant.category))].sort();
  console.log(`\n${"category".padEnd(16)} ${CARRIERS.map((c) => c.slice(0, 7).padStart(7)).join(" ")}`);
  for (const category of categories) {
    const cells = CARRIERS.map((carrier) => {
      const p = positives.filter((r) => r.carrier === carrier && r.plant.category === category);
      return pct(p.filter((r) => r.hit).length, p.length);
    });
    console.log(`${category.padEnd(16)} ${cells.join(" ")}`);
  }
  if (!verbose) return;
  for (const r of positives.filter((x) => !x.hit)) console.log(`MISS ${r.carrier} ${r.plant.id}: ${r.plant.input.split("\n")[0].slice(0, 100)}`);
  for (const r of negatives.filter((x) => x.hit)) console.log(`FLAG ${r.carrier} ${r.plant.id}: ${r.plant.input.split("\n")[0].slice(0, 100)}`);
}
