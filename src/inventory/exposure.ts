import type { CommitInfo } from "../model/fragment.js";
import type { Credential } from "../model/inventory.js";
import { daysSince, introducingCommit } from "./lifecycle.js";

/**
 * The commit that removed the value from HEAD: of a credential no location of which is in HEAD
 * any more, the newest commit that removed or replaced one of its blobs. A value in HEAD (or
 * with no history provenance) has none.
 */
export function removingCommit(credential: Credential): CommitInfo | undefined {
  if (credential.inHead) return undefined;
  const removals = credential.locations.flatMap((l) => (l.provenance.kind === "git" && l.provenance.removedIn !== undefined ? [l.provenance.removedIn] : []));
  return removals.filter((c) => !Number.isNaN(Date.parse(c.date))).sort((a, b) => Date.parse(b.date) - Date.parse(a.date))[0];
}

/**
 * Whole days the value was exposed: from its introducing commit to the commit that removed it
 * from HEAD, or to `now` while it is still there. Undefined without an introducing commit.
 */
export function exposureDays(credential: Credential, now: Date): number | undefined {
  const introduced = introducingCommit(credential);
  if (introduced === undefined) return undefined;
  const removed = removingCommit(credential);
  return daysSince(introduced.date, removed === undefined ? now : new Date(removed.date));
}
