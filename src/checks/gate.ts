import type { Grade } from "../model/check.js";
import { GRADES } from "../model/check.js";
import { ConfigError } from "../model/errors.js";
import type { InventoryItem } from "../model/inventory.js";
import type { PolicyOutcome, Suppression } from "../model/report.js";
import { SEVERITIES } from "../model/rule.js";
import type { Severity } from "../model/rule.js";
import { isLeak } from "../inventory/lifecycle.js";
import { closestMatch } from "../util/suggest.js";
import { CHECKS } from "./index.js";

/** One parsed `--fail-on` entry. */
type Rule =
  | { readonly type: "finding" }
  | { readonly type: "none" }
  | { readonly type: "grade"; readonly below: Grade }
  | { readonly type: "severity"; readonly atLeast: Severity }
  | { readonly type: "check"; readonly id: string }
  | { readonly type: "suppression-added" };

function parse(entry: string): Rule {
  if (entry === "finding" || entry === "none" || entry === "suppression-added") return { type: entry };
  const grade = /^grade<([A-F])$/.exec(entry);
  // There is no grade E: "worse than E" means F, like "worse than D".
  if (grade !== null) return { type: "grade", below: (grade[1] === "E" ? "D" : grade[1]) as Grade };
  const severity = /^severity>=(\w+)$/.exec(entry);
  if (severity !== null) return { type: "severity", atLeast: severity[1] as Severity };
  if (!(entry in CHECKS)) {
    const meant = closestMatch(entry, [...Object.keys(CHECKS), "finding", "none", "suppression-added"]);
    throw new ConfigError(`--fail-on: unknown check id \`${entry}\`; expected one of ${Object.keys(CHECKS).join(", ")}`, {
      hint: meant === undefined ? "`nhiscan scan --help` lists what --fail-on takes." : `Did you mean \`${meant}\`?`,
    });
  }
  return { type: "check", id: entry };
}

/** Checks the fail-on entries up front, so a typo is a usage error before any scanning. */
export function validateFailOn(entries: readonly string[]): void {
  entries.forEach(parse);
}

/**
 * Applies the fail-on policy to the inventory: what fails the build, and why. `suppressions`
 * matter to `suppression-added`: an inline `nhiscan:allow` that a pull-request range added.
 */
export function evaluateGate(items: readonly InventoryItem[], failOn: readonly string[], suppressions: readonly Suppression[] = []): PolicyOutcome {
  const reasons: string[] = [];
  for (const rule of failOn.map(parse)) {
    if (rule.type === "suppression-added") {
      const added = suppressions.filter((s) => s.addedInRange === true);
      const first = added[0];
      if (first !== undefined) reasons.push(`${describe(rule)}: ${added.length} suppression(s), e.g. ${first.ruleId} at ${first.path}:${first.line}`);
      continue;
    }
    const hits = items.filter((item) => violates(item, rule));
    if (hits.length === 0) continue;
    reasons.push(`${describe(rule)}: ${hits.length} credential(s), e.g. ${hits[0]?.preview} at ${hits[0]?.locations[0]?.path}`);
  }
  return { failed: reasons.length > 0, reasons };
}

function violates(item: InventoryItem, rule: Rule): boolean {
  const failed = item.checks.filter((c) => c.status === "fail");
  switch (rule.type) {
    case "none":
      return false;
    case "finding":
      return isLeak(item);
    case "grade":
      return GRADES.indexOf(item.grade) > GRADES.indexOf(rule.below);
    case "severity":
      return failed.some((c) => SEVERITIES.indexOf(c.severity) >= SEVERITIES.indexOf(rule.atLeast));
    case "check":
      return failed.some((c) => c.checkId === rule.id);
    case "suppression-added":
      return false;
  }
}

function describe(rule: Rule): string {
  switch (rule.type) {
    case "none":
      return "nothing";
    case "finding":
      return "leaked credentials (--fail-on finding)";
    case "grade":
      return `grade worse than ${rule.below} (--fail-on grade<${rule.below})`;
    case "severity":
      return `failed checks of severity ${rule.atLeast} or worse`;
    case "check":
      return `failed check ${rule.id}`;
    case "suppression-added":
      return "nhiscan:allow added by the range (--fail-on suppression-added)";
  }
}
