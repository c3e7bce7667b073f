import { GRADES } from "../model/check.js";
import type { Grade } from "../model/check.js";
import type { InventoryItem } from "../model/inventory.js";
import type { ExposureStats, ExposureSummary, InventorySummary } from "../model/report.js";
import { median, percentile } from "../util/stats.js";
import { isLeak, NO_OWNER_HINT, primaryOwner } from "../inventory/lifecycle.js";

/**
 * Counts of the inventory by grade, kind, primary owner hint and failed check, and exposure: over
 * the literal credentials only, managed references counted apart. Computed once per report; every
 * format prints these numbers, so the table, the HTML and stderr never disagree.
 */
export function summarizeInventory(all: readonly InventoryItem[]): InventorySummary {
  const items = all.filter(isLeak);
  const byGrade = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
  const byKind: Record<string, number> = {};
  const byOwner: Record<string, number> = {};
  const byCheck: Record<string, number> = {};
  const add = (into: Record<string, number>, key: string) => {
    into[key] = (into[key] ?? 0) + 1;
  };
  for (const item of items) {
    byGrade[item.grade] += 1;
    add(byKind, item.kind);
    add(byOwner, ownerLabel(item));
    for (const failed of new Set(item.checks.filter((c) => c.status === "fail").map((c) => c.checkId))) add(byCheck, failed);
  }
  const exposure = summarizeExposure(items);
  return {
    credentials: items.length,
    managedReferences: all.length - items.length,
    locations: items.reduce((n, item) => n + item.locations.length, 0),
    byGrade,
    byKind: sortedByCount(byKind),
    byOwner: sortedByCount(byOwner),
    byCheck: sortedByCount(byCheck),
    ...(exposure === undefined ? {} : { exposure }),
  };
}

/** Median and 90th percentile of exposure days, overall and by owner label (the same owner the byOwner counts use). */
export function summarizeExposure(items: readonly InventoryItem[]): ExposureSummary | undefined {
  const all: number[] = [];
  const byOwner = new Map<string, number[]>();
  for (const item of items) {
    if (item.exposureDays === undefined) continue;
    all.push(item.exposureDays);
    const owner = ownerLabel(item);
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), item.exposureDays]);
  }
  const overall = exposureStats(all);
  if (overall === undefined) return undefined;
  const owners = [...byOwner].map(([owner, days]) => [owner, exposureStats(days)] as const);
  owners.sort(([a, x], [b, y]) => (y?.medianDays ?? 0) - (x?.medianDays ?? 0) || (a < b ? -1 : 1));
  return { ...overall, byOwner: Object.fromEntries(owners.filter(([, s]) => s !== undefined)) as Record<string, ExposureStats> };
}

function exposureStats(days: readonly number[]): ExposureStats | undefined {
  const mid = median(days);
  const p90 = percentile(days, 90);
  return mid === undefined || p90 === undefined ? undefined : { count: days.length, medianDays: mid, p90Days: p90 };
}

/**
 * The owner a one-line view names: the primary owner hint, or `no owner hint found` when there
 * is none or the missing-owner check failed (its only hints are inactive commit authors).
 */
export function ownerLabel(item: InventoryItem): string {
  const ownerless = item.checks.some((c) => c.checkId === "missing-owner" && c.status === "fail");
  return ownerless ? NO_OWNER_HINT : (primaryOwner(item)?.value ?? NO_OWNER_HINT);
}

/** Most frequent first, ties by key: the order JSON keeps and reports print. */
function sortedByCount(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)));
}
