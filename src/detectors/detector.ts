import type { Candidate } from "../model/finding.js";
import type { Fragment } from "../model/fragment.js";
import type { CompiledRule } from "../model/rule.js";
import type { KeywordPrefilter } from "./keyword-prefilter.js";

/** What every detector gets besides the fragment: built once per scan. */
export interface DetectContext {
  readonly rules: readonly CompiledRule[];
  readonly prefilter: KeywordPrefilter;
}

/** A pluggable detector: pure and synchronous, one file each. */
export interface Detector {
  /** Kebab-case id; also the rule id of candidates it makes without a YAML rule. */
  readonly id: string;
  readonly description: string;
  /**
   * Words (matched case-insensitively) of which one must occur for the detector to run; found in
   * the prefilter's one pass over the text, so a detector that needs them costs nothing elsewhere.
   */
  readonly triggers?: readonly string[];
  /**
   * Paths the detector reads whatever words they hold (files recognised by name alone, such as
   * `.pgpass`): a cheap test on the path; the triggers then gate only the other files.
   */
  readonly readsByName?: (path: string) => boolean;
  /** Cheap test on path or content before `detect` runs (after the triggers). */
  appliesTo(fragment: Fragment): boolean;
  detect(fragment: Fragment, context: DetectContext): Candidate[];
}
