import type { LifecycleCheck } from "./check.js";
import { result } from "./check.js";

const SAMPLE = 3;

function sample(values: readonly string[]): string {
  return `${values.slice(0, SAMPLE).join(", ")}${values.length > SAMPLE ? ", …" : ""}`;
}

/**
 * The same value in several files or repositories means several consumers share one NHI.
 * Repositories count first: the same `config/.env` in two repositories is two consumers.
 */
export const check: LifecycleCheck = {
  id: "shared",
  title: "Same credential in several places",
  owasp: "NHI9:2025",
  severity: "medium",
  run(credential) {
    const repos = [...new Set(credential.locations.flatMap((l) => (l.repository === undefined ? [] : [l.repository])))];
    if (repos.length > 1) {
      return result(check, "fail", `same value in ${repos.length} repositories (${sample(repos)}) at ${credential.locations.length} locations`);
    }
    const paths = [...new Set(credential.locations.map((l) => l.path))];
    if (paths.length <= 1) return result(check, "pass", "found in one file");
    return result(check, "fail", `same value in ${paths.length} files (${sample(paths)})`);
  },
};
