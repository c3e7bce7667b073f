import { gradeOf } from "../checks/grade.js";
import { runChecks } from "../checks/index.js";
import type { CheckContext } from "../checks/index.js";
import type { CheckResult } from "../model/check.js";
import { GRADES } from "../model/check.js";
import type { Credential, InventoryItem } from "../model/inventory.js";

/** Runs the lifecycle checks on a credential and grades it, counting repositories as places. */
export function gradeCredential(credential: Credential, context: CheckContext): InventoryItem {
  const checks = withRepositorySharing(runChecks(credential, context), credential);
  return { ...credential, checks, ...gradeOf(checks) };
}

/**
 * One value in several repositories is shared (NHI9:2025) whatever its paths are: the same
 * `config/.env` in two repositories is two consumers. The `shared` check sees paths only, so
 * this makes its result fail when the locations span repositories.
 */
export function withRepositorySharing(results: readonly CheckResult[], credential: Credential): CheckResult[] {
  const repos = [...new Set(credential.locations.flatMap((l) => (l.repository === undefined ? [] : [l.repository])))];
  if (repos.length < 2) return [...results];
  const sample = `${repos.slice(0, 3).join(", ")}${repos.length > 3 ? ", …" : ""}`;
  return results.map((r) =>
    r.checkId === "shared" ? { ...r, status: "fail", message: `same value in ${repos.length} repositories (${sample}) at ${credential.locations.length} locations` } : r,
  );
}

/** Worst grade first, then lowest score, then by first location. */
export function worstFirst(a: InventoryItem, b: InventoryItem): number {
  const where = (i: InventoryItem) => `${i.locations[0]?.repository ?? ""}\u0000${i.locations[0]?.path ?? ""}`;
  return (
    GRADES.indexOf(b.grade) - GRADES.indexOf(a.grade) ||
    a.score - b.score ||
    where(a).localeCompare(where(b)) ||
    (a.locations[0]?.line ?? 0) - (b.locations[0]?.line ?? 0)
  );
}
