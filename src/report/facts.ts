import type { CheckResult } from "../model/check.js";
import type { Finding } from "../model/finding.js";
import type { InventoryItem } from "../model/inventory.js";
import type { ScanReport } from "../model/report.js";
import { committedValueAge, introducingCommit } from "../inventory/lifecycle.js";

// Facts several formatters show, computed one way so every format tells the same story.

/** The value to print: the raw secret only when the report was made with --show-secrets. */
export function displayValue(item: InventoryItem, report: ScanReport): string {
  return report.showSecrets && item.secret !== undefined ? item.secret : item.preview;
}

export { isLeak } from "../inventory/lifecycle.js";

export function failingChecks(item: InventoryItem): CheckResult[] {
  return item.checks.filter((c) => c.status === "fail");
}

/** `repo:path:line:col`, with the repository only when the location has one. */
export function locationLabel(location: Finding): string {
  const repo = location.repository === undefined ? "" : `${location.repository}:`;
  return `${repo}${location.path}:${location.line}:${location.column}`;
}

/** Where the location came from in words: working tree, staged, or a commit. */
export function provenanceLabel(location: Finding): string {
  const p = location.provenance;
  if (p.kind === "staged") return "staged";
  if (p.kind === "file") {
    if (p.introduced !== undefined) return `working tree, introduced in ${p.introduced.sha.slice(0, 8)}`;
    return p.lastChange === undefined ? "working tree" : `working tree, last changed in ${p.lastChange.sha.slice(0, 8)}`;
  }
  const commit = p.introduced === undefined ? `blob ${p.blob.slice(0, 8)}` : `introduced in ${p.introduced.sha.slice(0, 8)}`;
  return p.inHead === true ? `${commit}, in HEAD` : `${commit}, history only`;
}

/** Date of the commit that introduced the value, when known (the same date every format shows). */
export function firstSeen(item: InventoryItem): string | undefined {
  return introducingCommit(item)?.date;
}

/** Committed-value age in whole days at the time of the scan, when a first-seen date is known. */
export function ageDays(item: InventoryItem, report: ScanReport): number | undefined {
  return committedValueAge(item, new Date(report.scannedAt));
}

/** Age buckets, youngest first, with their upper bound in days. */
export const AGE_BUCKETS: readonly (readonly [string, number])[] = [
  ["≤ 30 days", 30],
  ["31–90 days", 90],
  ["91–180 days", 180],
  ["181–365 days", 365],
  ["> 1 year", Number.POSITIVE_INFINITY],
];
export const UNKNOWN_AGE = "unknown";

export function ageBucket(item: InventoryItem, report: ScanReport): string {
  const days = ageDays(item, report);
  if (days === undefined) return UNKNOWN_AGE;
  return AGE_BUCKETS.find(([, max]) => days <= max)?.[0] ?? UNKNOWN_AGE;
}

export { NO_OWNER_HINT as NO_OWNER } from "../inventory/lifecycle.js";

/** Distinct owner hint values, or none. */
export function ownersOf(item: InventoryItem): string[] {
  return [...new Set(item.ownerHints.map((h) => h.value))];
}

/** Distinct repositories of the item's locations (empty for a one-repository report). */
export function repositoriesOf(item: InventoryItem): string[] {
  return [...new Set(item.locations.flatMap((l) => (l.repository === undefined ? [] : [l.repository])))];
}

/** Distinct places (repository + path) the value appears in. */
export function placesOf(item: InventoryItem): string[] {
  return [...new Set(item.locations.map((l) => (l.repository === undefined ? l.path : `${l.repository}:${l.path}`)))];
}

/** Counts of keys, most frequent first, ties by key; `order` fixes the order instead. */
export function countBy(keys: readonly string[], order?: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  if (order !== undefined) return order.map((k) => [k, counts.get(k) ?? 0]);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** Rule display name from the report's rule list, or the id. */
export function ruleName(report: ScanReport, ruleId: string): string {
  return report.rules.find((r) => r.id === ruleId)?.name ?? ruleId;
}
