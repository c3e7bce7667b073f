import { createHash } from "node:crypto";
import { InputError } from "../model/errors.js";
import type { RepositoryEntry, Shard, ShardPlan } from "../model/plan.js";

/** Most shards a plan makes: a matrix or an Indexed Job beyond this is a typo, not a plan. */
export const MAX_SHARDS = 10_000;

/** Load bound of sized repositories, as a fraction above the mean shard load. */
const SLACK_PERCENT = 10;

/**
 * Assigns every repository to one of `count` shards; a pure function of the entries, so
 * `plan` and every `scan --shard I/N` compute the same assignment from the same file.
 *
 * - Unsized repositories go to their rendezvous (highest random weight) shard: the shard
 *   whose hash with the repository's key is largest. Adding or removing repositories never
 *   moves an unsized repository; going from N to N+1 shards moves one only onto the new shard.
 * - Sized repositories, largest first (ties by key), go to the first shard in their
 *   rendezvous order whose load stays within the capacity, else to the least loaded shard.
 *   The capacity is 110 % of the mean load of sized repositories, rounded up to a step of
 *   1/32 to 1/16 so small changes of the total leave it unchanged; a repository larger than
 *   it gets a shard of its own (while shards remain), and the mean is taken over the rest.
 *   While the capacity step is unchanged, adding a repository moves no larger repository
 *   (they are placed before it), and moves smaller ones only where it took their room.
 * Unsized repositories count as no load: give every repository a size to balance them all.
 */
export function planShards(entries: readonly RepositoryEntry[], count: number): ShardPlan {
  assertShardCount(count);
  assertDistinct(entries);
  const shardOf = new Map<RepositoryEntry, number>();
  const load = new Array<number>(count).fill(0);
  const sized = entries.filter((e) => e.size !== undefined).sort(largestFirst);
  const capacity = sized.length === 0 ? undefined : capacityOf(sized, count);
  for (const entry of entries) if (entry.size === undefined) shardOf.set(entry, rendezvousOrder(entry.path, count)[0] ?? 0);
  for (const entry of sized) {
    const size = entry.size ?? 0;
    const order = rendezvousOrder(entry.path, count);
    const fits = order.find((s) => (load[s] ?? 0) + size <= (capacity ?? 0));
    const shard = fits ?? order.reduce((best, s) => ((load[s] ?? 0) < (load[best] ?? 0) ? s : best));
    load[shard] = (load[shard] ?? 0) + size;
    shardOf.set(entry, shard);
  }
  const members = load.map((): RepositoryEntry[] => []);
  for (const entry of entries) members[shardOf.get(entry) ?? 0]?.push(entry);
  const shards: Shard[] = load.map((bytes, index) => ({ index, bytes, repositories: members[index] ?? [] }));
  return { planVersion: 1, rule: capacity === undefined ? "rendezvous" : "rendezvous-bounded-load", ...(capacity === undefined ? {} : { capacity }), shards };
}

/** The repositories of shard `index` of `count`, in file order. */
export function shardRepositories(entries: readonly RepositoryEntry[], index: number, count: number): RepositoryEntry[] {
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new InputError(`shard ${index}/${count}: the index must be 0 to ${count - 1}`);
  return [...(planShards(entries, count).shards[index]?.repositories ?? [])];
}

/** The key a repository is hashed by: its path as written, without trailing slashes. */
export function shardKey(path: string): string {
  return path.replace(/\/+$/, "") || path;
}

/** Shards ordered by the repository's rendezvous weight with each, highest first. */
function rendezvousOrder(path: string, count: number): number[] {
  const key = shardKey(path);
  const weights = Array.from({ length: count }, (_, shard) => createHash("sha256").update(`${key}\0${shard}`).digest().readBigUInt64BE(0));
  return weights.map((_, shard) => shard).sort((a, b) => ((weights[b] ?? 0n) > (weights[a] ?? 0n) ? 1 : (weights[b] ?? 0n) < (weights[a] ?? 0n) ? -1 : a - b));
}

function largestFirst(a: RepositoryEntry, b: RepositoryEntry): number {
  return (b.size ?? 0) - (a.size ?? 0) || compareKeys(shardKey(a.path), shardKey(b.path));
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * 110 % of the mean load, where the mean leaves out the repositories larger than the bound
 * (each takes a shard of its own, so the others balance over the remaining shards). Rounded up
 * to a step of 1/32 to 1/16; integer arithmetic only, so every machine computes the same bound.
 */
function capacityOf(sized: readonly RepositoryEntry[], count: number): number {
  let rest = sized.reduce((sum, e) => sum + (e.size ?? 0), 0);
  let shards = count;
  for (const entry of sized) {
    const size = entry.size ?? 0;
    if (shards <= 1 || size <= boundOf(rest, shards)) break;
    rest -= size;
    shards -= 1;
  }
  return boundOf(rest, shards);
}

function boundOf(total: number, shards: number): number {
  const bound = Math.max(Math.ceil((total * (100 + SLACK_PERCENT)) / (100 * shards)), 1);
  const step = 2 ** Math.max(0, bound.toString(2).length - 5);
  return Math.ceil(bound / step) * step;
}

function assertShardCount(count: number): void {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SHARDS) {
    throw new InputError(`${count} shards: the shard count must be a whole number from 1 to ${MAX_SHARDS}`);
  }
}

function assertDistinct(entries: readonly RepositoryEntry[]): void {
  const seen = new Set<string>();
  for (const { path } of entries) {
    const key = shardKey(path);
    if (seen.has(key))
      throw new InputError(`the repositories file lists ${path} twice`, { hint: "List each repository once in a file that is split into shards." });
    seen.add(key);
  }
}
