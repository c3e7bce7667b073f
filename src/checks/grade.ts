import type { CheckResult, Grade } from "../model/check.js";
import type { Severity } from "../model/rule.js";

/** Points a failed check costs, by its severity. */
export const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = { critical: 50, high: 30, medium: 15, low: 5 };

/** Lowest score of each grade, best first; below the last is F. */
const FLOORS: readonly (readonly [Grade, number])[] = [
  ["A", 90],
  ["B", 75],
  ["C", 60],
  ["D", 40],
];

/** Score (100 minus the weights of failed checks, floored at 0) and grade. */
export function gradeOf(results: readonly CheckResult[]): { score: number; grade: Grade } {
  const lost = results.filter((r) => r.status === "fail").reduce((sum, r) => sum + SEVERITY_WEIGHT[r.severity], 0);
  const score = Math.max(0, 100 - lost);
  const grade = FLOORS.find(([, floor]) => score >= floor)?.[0] ?? "F";
  return { score, grade };
}
