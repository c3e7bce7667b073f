import type { CompiledRule } from "../model/rule.js";
import type { DetectContext, Detector } from "./detector.js";
import { buildPrefilter } from "./keyword-prefilter.js";
import { detector as regex } from "./regex.js";

/** Every detector, keyed by id (sorted). Adding a detector is one line here. */
export const DETECTORS: Readonly<Record<string, Detector>> = {
  regex,
};

/** Builds the per-scan detection context once. */
export function createDetectContext(rules: readonly CompiledRule[]): DetectContext {
  return { rules, prefilter: buildPrefilter(rules) };
}

export type { DetectContext, Detector } from "./detector.js";
