import type { LifecycleCheck } from "./check.js";
import { result } from "./check.js";

/**
 * A guessable value under a credential name: a dictionary word, a default (`admin`, `changeme`),
 * a short or letters-only password. Committed, it is the most exploitable credential there is.
 */
export const check: LifecycleCheck = {
  id: "weak-credential",
  title: "Weak or default credential",
  owasp: "NHI4:2025",
  severity: "high",
  run(credential) {
    if (credential.kind === "managed-reference") return result(check, "not-applicable", "the value is held by the secret store");
    if (credential.weak === true) return result(check, "fail", "guessable value (a word, a default or short): replace it with a generated secret and rotate");
    return result(check, "pass", "not a dictionary word, default or short value");
  },
};
