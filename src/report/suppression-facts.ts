import type { ScanReport, Suppression } from "../model/report.js";
import { countBy } from "./facts.js";

// What the human-readable reports say about suppressions: a count per source, then the list.

/** Anchor of the full list, linked from each per-source count. */
export const SUPPRESSIONS_ANCHOR = "suppressions-list";

/** Suppressions per source (config key, inline comment, baseline, guard), most first. */
export function suppressionsBySource(report: ScanReport): [string, number][] {
  return countBy((report.suppressions ?? []).map((s) => s.source));
}

/** `repo:path:line` of a suppression. */
export function suppressionPlace(s: Suppression): string {
  return `${s.repository === undefined ? "" : `${s.repository}:`}${s.path}:${s.line}`;
}
