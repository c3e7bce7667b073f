import type { Candidate } from "../model/finding.js";
import type { Fragment } from "../model/fragment.js";
import type { DetectContext } from "./detector.js";
import type { Plugin, PluginDetector } from "./plugin-load.js";

/** A plugin detector's candidates on one fragment, and what went wrong, if anything. */
export interface PluginRun {
  readonly candidates: Candidate[];
  /** Why some or all of its output was not used: the plugin threw or returned bad data. */
  readonly problem?: string;
}

const MAX_PROBLEM = 200;

/**
 * Runs one plugin detector on a fragment (when one of its triggers occurs). Its output is checked
 * before it is trusted: each match must be `{ index, value }` with `value` found at `index` in the
 * text. A throw or bad data is reported as a problem naming the plugin; good matches still count.
 */
export function runPluginDetector(plugin: Plugin, detector: PluginDetector, fragment: Fragment, context: DetectContext): PluginRun {
  if (detector.triggers.length > 0) {
    const { triggers } = context.prefilter.scan(fragment.text);
    if (!detector.triggers.some((t) => triggers.has(t))) return { candidates: [] };
  }
  const where = `plugin ${plugin.name}: detector ${detector.id}`;
  let output: unknown;
  try {
    output = detector.detect(fragment.text, { path: fragment.path });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { candidates: [], problem: `${where} threw: ${message.slice(0, MAX_PROBLEM)}` };
  }
  if (!Array.isArray(output)) {
    const what = output instanceof Promise ? "a Promise (detect must be synchronous)" : typeof output;
    return { candidates: [], problem: `${where} returned ${what}, expected an array of { index, value }` };
  }
  const candidates: Candidate[] = [];
  let bad = 0;
  for (const match of output as unknown[]) {
    const { index, value } = (match ?? {}) as { index?: unknown; value?: unknown };
    const valid = typeof value === "string" && value !== "" && Number.isInteger(index) && fragment.text.startsWith(value, index as number);
    if (!valid) {
      bad++;
      continue;
    }
    const start = index as number;
    candidates.push({
      ruleId: detector.id,
      provider: detector.provider,
      kind: detector.kind,
      severity: detector.severity,
      secret: value,
      start,
      end: start + value.length,
      confidence: "high",
      nonExpiring: false,
    });
  }
  if (bad === 0) return { candidates };
  return { candidates, problem: `${where} returned ${bad} bad match(es): each must be { index, value } with value at index in the text` };
}

/** Ids of the generic detectors a plugin's finding beats on the same value, as provider rules do. */
export const GENERIC_DETECTOR_IDS: ReadonlySet<string> = new Set(["generic-assignment", "structured-config"]);

/** Drops generic candidates that overlap a plugin's: the plugin names the provider. */
export function preferPluginCandidates(candidates: readonly Candidate[], fromPlugins: readonly Candidate[]): Candidate[] {
  if (fromPlugins.length === 0) return [...candidates];
  const kept = candidates.filter((c) => !GENERIC_DETECTOR_IDS.has(c.ruleId) || !fromPlugins.some((p) => p.start < c.end && c.start < p.end));
  return [...kept, ...fromPlugins];
}
