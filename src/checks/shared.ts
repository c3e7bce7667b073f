import type { LifecycleCheck } from "./check.js";
import { result } from "./check.js";

/** The same value in several files or repositories means several consumers share one NHI. */
export const check: LifecycleCheck = {
  id: "shared",
  title: "Same credential in several places",
  owasp: "NHI9:2025",
  severity: "medium",
  run(credential) {
    const paths = new Set(credential.locations.map((l) => l.path));
    if (paths.size <= 1) return result(check, "pass", "found in one file");
    const sample = [...paths].slice(0, 3).join(", ");
    return result(check, "fail", `same value in ${paths.size} files (${sample}${paths.size > 3 ? ", …" : ""})`);
  },
};
