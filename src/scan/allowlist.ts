import type { Allowlist } from "../model/config.js";
import type { Candidate } from "../model/finding.js";
import { globMatcher, linearRegex } from "../util/linear-match.js";

/** The config allowlist compiled once: tests a candidate at a path. */
export interface AllowlistMatcher {
  /** Why the candidate is allowed, or undefined. */
  reason(candidate: Candidate, path: string): string | undefined;
}

export function compileAllowlist(allowlist: Allowlist): AllowlistMatcher {
  const pathMatch = globMatcher(allowlist.paths);
  const values = new Set(allowlist.values);
  const regexes = allowlist.regexes.map(allowlistRegex);
  const stopwords = allowlist.stopwords.map((w) => w.toLowerCase());
  return {
    reason(candidate, path) {
      if (pathMatch(path)) return "allowlist.paths";
      if (values.has(candidate.secret)) return "allowlist.values";
      if (regexes.some((r) => r.test(candidate.secret))) return "allowlist.regexes";
      const lower = candidate.secret.toLowerCase();
      if (stopwords.some((w) => lower.includes(w))) return "allowlist.stopwords";
      return undefined;
    },
  };
}

/**
 * A config's value regex: on the linear-time engine when the pattern fits it (no look-around,
 * back-references, case folding or long counted repeats), else the backtracking one, which the
 * per-file watchdog bounds.
 */
function allowlistRegex(source: string): RegExp {
  try {
    return linearRegex(source);
  } catch {
    return new RegExp(source);
  }
}
