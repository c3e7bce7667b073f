import { isCiDefinition } from "../paths/classify.js";
import type { LifecycleCheck } from "./check.js";
import { result } from "./check.js";

/** A literal secret in a pipeline definition instead of a managed secret reference. */
export const check: LifecycleCheck = {
  id: "plaintext-in-ci",
  title: "Literal secret in a CI definition",
  owasp: "NHI2:2025",
  severity: "high",
  run(credential) {
    if (credential.kind === "managed-reference") return result(check, "not-applicable", "a managed reference is the recommended form");
    const ci = [...new Set(credential.locations.map((l) => l.path).filter(isCiDefinition))];
    if (ci.length === 0) return result(check, "pass", "not in a CI definition");
    return result(check, "fail", `literal value in ${ci.join(", ")}; use the CI system's secret store`);
  },
};
