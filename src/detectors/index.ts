import type { CompiledRule } from "../model/rule.js";
import type { DetectContext, Detector } from "./detector.js";
import { buildPrefilter } from "./keyword-prefilter.js";
import { detector as certificate } from "./certificate.js";
import { detector as ciSecretRef } from "./ci-secret-ref.js";
import { detector as encoded } from "./encoded.js";
import { detector as genericAssignment } from "./generic-assignment.js";
import { detector as jwt } from "./jwt.js";
import { detector as privateKey } from "./private-key.js";
import { detector as regex } from "./regex.js";
import { detector as structuredConfig } from "./structured-config.js";
import { detector as uriCredentials } from "./uri-credentials.js";

/** Every detector, keyed by id (sorted). Adding a detector is one line here. */
export const DETECTORS: Readonly<Record<string, Detector>> = {
  certificate,
  "ci-secret-ref": ciSecretRef,
  encoded,
  "generic-assignment": genericAssignment,
  jwt,
  "private-key": privateKey,
  regex,
  "structured-config": structuredConfig,
  "uri-credentials": uriCredentials,
};

/** Builds the per-scan detection context once. */
export function createDetectContext(rules: readonly CompiledRule[]): DetectContext {
  return { rules, prefilter: buildPrefilter(rules) };
}

export type { DetectContext, Detector } from "./detector.js";
