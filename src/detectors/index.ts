import type { EngineName } from "../model/engine.js";
import type { Candidate } from "../model/finding.js";
import type { Fragment } from "../model/fragment.js";
import type { CompiledRule } from "../model/rule.js";
import type { DetectContext, Detector } from "./detector.js";
import { buildPrefilter } from "./keyword-prefilter.js";
import { detector as certificate } from "./certificate.js";
import { detector as ciSecretRef } from "./ci-secret-ref.js";
import { detector as credentialFiles } from "./credential-files.js";
import { detector as encoded } from "./encoded.js";
import { detector as genericAssignment } from "./generic-assignment.js";
import { detector as jwt } from "./jwt.js";
import { detector as passwordLiteral } from "./password-literal.js";
import { detector as privateKey } from "./private-key.js";
import { detector as railsMasterKey } from "./rails-master-key.js";
import { detector as regex } from "./regex.js";
import { detector as structuredConfig, textDetector as structuredText } from "./structured-config.js";
import { detector as uriCredentials } from "./uri-credentials.js";

/** Every detector, keyed by id (sorted). Adding a detector is one line here. */
export const DETECTORS: Readonly<Record<string, Detector>> = {
  certificate,
  "ci-secret-ref": ciSecretRef,
  "credential-files": credentialFiles,
  encoded,
  "generic-assignment": genericAssignment,
  jwt,
  "password-literal": passwordLiteral,
  "private-key": privateKey,
  "rails-master-key": railsMasterKey,
  regex,
  "structured-config": structuredConfig,
  "structured-text": structuredText,
  "uri-credentials": uriCredentials,
};

/** Runs a detector on a fragment when its triggers occur and it applies: the scanner's one gate. */
export function runDetector(detector: Detector, fragment: Fragment, context: DetectContext): Candidate[] {
  if (detector.triggers !== undefined && detector.readsByName?.(fragment.path) !== true) {
    const { triggers } = context.prefilter.scan(fragment.text);
    if (!detector.triggers.some((t) => triggers.has(t))) return [];
  }
  return detector.appliesTo(fragment) ? detector.detect(fragment, context) : [];
}

/** Builds the per-scan detection context once; `extraTriggers` are plugin detectors' words; `engine` runs the keyword pass (default: `engineName()`). */
export function createDetectContext(rules: readonly CompiledRule[], extraTriggers: readonly string[] = [], engine?: EngineName): DetectContext {
  const triggers = [...Object.values(DETECTORS).flatMap((detector) => detector.triggers ?? []), ...extraTriggers];
  return { rules, prefilter: buildPrefilter(rules, triggers, engine) };
}

export type { DetectContext, Detector } from "./detector.js";
