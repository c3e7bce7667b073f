import type { CommitInfo, Provenance } from "../model/fragment.js";
import type { Credential, OwnerHint } from "../model/inventory.js";

// Lifecycle facts derived from a credential's locations, shared by checks and reports so that
// every output tells the same age and owner.

const DAY_MS = 24 * 60 * 60 * 1000;

/** The hint a summary or table names when no owner hint exists. */
export const NO_OWNER_HINT = "no owner hint found";

/** Whether the item is a literal credential (a managed reference is not a leak): the one test every count uses. */
export function isLeak(item: { readonly kind: string }): boolean {
  return item.kind !== "managed-reference";
}

/**
 * The oldest commit known to have introduced the value: a history location's introducing
 * commit, or a working-tree line's introducing commit (its last change when not traced).
 */
export function introducingCommit(credential: Credential): CommitInfo | undefined {
  const commits = credential.locations.flatMap((l) => {
    const commit = locationCommit(l.provenance);
    return commit === undefined ? [] : [commit];
  });
  return commits.filter((c) => !Number.isNaN(Date.parse(c.date))).sort((a, b) => Date.parse(a.date) - Date.parse(b.date))[0];
}

/** The commit that introduced one location's value: the blob's, or the working-tree line's (else its last change). */
export function locationCommit(provenance: Provenance): CommitInfo | undefined {
  if (provenance.kind === "git") return provenance.introduced;
  if (provenance.kind === "file") return provenance.introduced ?? provenance.lastChange;
  return undefined;
}

/** Whole days from `from` (ISO) to `now`, never negative. */
export function daysSince(from: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(from)) / DAY_MS));
}

/** The instant `days` days before `now`: the start of a policy window. */
export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** Committed-value age in whole days, when an introducing commit is known. */
export function committedValueAge(credential: Credential, now: Date): number | undefined {
  const commit = introducingCommit(credential);
  return commit === undefined ? undefined : daysSince(commit.date, now);
}

/** Whether a git-author hint's author committed within `activeDays` of `now`. */
export function isActiveAuthor(hint: OwnerHint, activeDays: number, now: Date): boolean {
  return hint.source === "git-author" && hint.lastActive !== undefined && daysSince(hint.lastActive, now) <= activeDays;
}

const SOURCE_RANK: Readonly<Record<OwnerHint["source"], number>> = { codeowners: 0, config: 1, "git-author": 2 };
const CONFIDENCE_RANK: Readonly<Record<OwnerHint["confidence"], number>> = { high: 0, medium: 1, low: 2 };

/** The hint a one-column view shows: CODEOWNERS first, then config, then commit authors; the most confident. */
export function primaryOwner(credential: Credential): OwnerHint | undefined {
  return [...credential.ownerHints].sort(
    (a, b) => SOURCE_RANK[a.source] - SOURCE_RANK[b.source] || CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence],
  )[0];
}
