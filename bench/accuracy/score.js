// Scoring: which planted credentials a report found (recall, by the family of the plant) and which
// reported locations are true (precision, by the family of the rule or detector that reported).
import path from "node:path";

const DETECTOR_FAMILIES = new Set(["jwt", "uri-credentials", "structured-config", "generic-assignment", "private-key", "certificate", "ci-secret-ref"]);

/** Rule id → family (the rule file's name); detectors are their own family. */
export function familyOfRule(rules) {
  const byId = new Map(rules.map((r) => [r.spec.id, path.basename(r.source, ".yaml")]));
  return (location) => {
    if (location.parts?.encoding !== undefined) return "encoded";
    if (DETECTOR_FAMILIES.has(location.ruleId)) return location.ruleId;
    return byId.get(location.ruleId) ?? location.ruleId;
  };
}

const normal = (s) => String(s ?? "").replace(/\\n|\s/g, "");

/** Whether a reported value is the planted one (PEM blocks compare without whitespace). */
function sameSecret(found, planted) {
  const a = normal(found);
  const b = normal(planted);
  return a.length > 0 && b.length > 0 && (a.includes(b) || b.includes(a));
}

/** Every reported location with its line range. */
export function locationsOf(report) {
  return report.items.flatMap((item) => item.locations.map((l) => ({ ...l, secret: l.secret ?? item.secret })));
}

/** Recall and precision per family and overall. */
export function score(truth, locations, familyOf) {
  const plants = truth.filter((t) => !t.decoy);
  const inBlock = (l, t) => t.path === l.path && l.line >= t.startLine && l.line <= t.endLine;
  const found = new Set();
  const families = new Map();
  const row = (family) => {
    if (!families.has(family)) families.set(family, { family, planted: 0, recalled: 0, reported: 0, truePositives: 0, misses: [], falsePositives: [] });
    return families.get(family);
  };
  for (const t of plants) row(t.family).planted++;
  for (const l of locations) {
    const r = row(familyOf(l));
    r.reported++;
    const hits = plants.filter((t) => inBlock(l, t));
    for (const t of hits) if (sameSecret(l.secret, t.secret)) found.add(t);
    // A finding inside a planted block is true even if it names a second credential of the same example.
    if (hits.length > 0) r.truePositives++;
    else r.falsePositives.push(`${l.path}:${l.line} ${l.ruleId} ${String(l.secret).slice(0, 40)}`);
  }
  for (const t of plants) {
    if (found.has(t)) row(t.family).recalled++;
    else row(t.family).misses.push(`${t.path}:${t.startLine} ${t.rule} ${String(t.secret).slice(0, 40)}`);
  }
  const decoys = truth.filter((t) => t.decoy);
  const decoysHit = decoys.filter((t) => locations.some((l) => inBlock(l, t))).length;
  const rows = [...families.values()].sort((a, b) => a.family.localeCompare(b.family));
  const sum = (k) => rows.reduce((n, r) => n + r[k], 0);
  const total = { family: "overall", planted: sum("planted"), recalled: sum("recalled"), reported: sum("reported"), truePositives: sum("truePositives") };
  return { rows, total, decoys: decoys.length, decoysHit };
}

export const ratio = (a, b) => (b === 0 ? 1 : a / b);
