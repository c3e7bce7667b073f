import { daysSince } from "../inventory/lifecycle.js";

/** Whole days from `from` to `to` (ISO times), never negative. */
export function daysBetween(from: string, to: string): number {
  return daysSince(from, new Date(to));
}

/**
 * Exposure of a stored credential: from its introducing commit (else its first scan) to when it
 * left HEAD or was rotated/revoked (else `now`).
 */
export function storedExposureDays(row: { first_committed_at: string | null; first_seen_at: string; closed_at: string | null }, now: string): number {
  return daysBetween(row.first_committed_at ?? row.first_seen_at, row.closed_at ?? now);
}
