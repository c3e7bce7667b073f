import { daysSince, isActiveAuthor } from "../inventory/lifecycle.js";
import type { LifecycleCheck } from "./check.js";
import { result } from "./check.js";

/**
 * Nobody is known to answer for the credential: no CODEOWNERS or config owner covers any
 * location, and no author of it committed within `policy.activeAuthorDays`. A static scan can
 * only show the absence of an owner hint, not that the identity has no owner.
 */
export const check: LifecycleCheck = {
  id: "missing-owner",
  title: "No owner hint for the credential",
  owasp: "NHI1:2025",
  severity: "medium",
  run(credential, { policy, now }) {
    const declared = credential.ownerHints.find((h) => h.source === "codeowners" || h.source === "config");
    if (declared !== undefined) return result(check, "pass", `owner hint ${declared.value} (${declared.source}: ${declared.evidence})`);
    const active = credential.ownerHints.find((h) => isActiveAuthor(h, policy.activeAuthorDays, now));
    if (active !== undefined) {
      return result(check, "pass", `active author ${active.value} (${active.evidence}; last commit ${active.lastActive?.slice(0, 10)})`);
    }
    const authors = credential.ownerHints.filter((h) => h.source === "git-author");
    const why =
      authors.length === 0
        ? "no CODEOWNERS entry or config owner covers its locations, and no commit author is known"
        : `no CODEOWNERS entry or config owner covers its locations, and its authors are inactive (${authors
            .map((h) => `${h.value}: ${h.lastActive === undefined ? "no commits found" : `last commit ${daysSince(h.lastActive, now)} days ago`}`)
            .join("; ")}; activeAuthorDays ${policy.activeAuthorDays})`;
    return result(check, "fail", `no owner hint found: ${why}`);
  },
};
