import type { LifecycleCheck } from "./check.js";
import { result } from "./check.js";

/** One value used by production and by another environment breaks environment isolation. */
export const check: LifecycleCheck = {
  id: "cross-environment",
  title: "Same credential in production and non-production",
  owasp: "NHI8:2025",
  severity: "high",
  run(credential) {
    const envs = credential.environments;
    if (envs.length === 0) return result(check, "not-applicable", "no environment could be inferred from the paths");
    if (envs.includes("production") && envs.length > 1) {
      return result(check, "fail", `same value in ${envs.join(" and ")} locations`);
    }
    return result(check, "pass", `only in ${envs.join(", ")} locations`);
  },
};
