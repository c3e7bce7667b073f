import picomatch from "picomatch";
import type { Allowlist } from "../model/config.js";
import type { Candidate } from "../model/finding.js";

/** The config allowlist compiled once: tests a candidate at a path. */
export interface AllowlistMatcher {
  /** Why the candidate is allowed, or undefined. */
  reason(candidate: Candidate, path: string): string | undefined;
}

export function compileAllowlist(allowlist: Allowlist): AllowlistMatcher {
  const pathMatch = allowlist.paths.length === 0 ? () => false : picomatch([...allowlist.paths], { dot: true });
  const values = new Set(allowlist.values);
  const regexes = allowlist.regexes.map((source) => new RegExp(source));
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
