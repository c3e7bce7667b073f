import { InvalidArgumentError } from "commander";
import { MAX_SHARDS } from "../api/shard-plan.js";

/** `--shard I/N`: shard I (0-based, like JOB_COMPLETION_INDEX) of N. */
export interface ShardSelector {
  readonly index: number;
  readonly count: number;
}

/** Parses `--shard I/N`; commander turns the error into a usage error (exit 2). */
export function parseShard(value: string): ShardSelector {
  const m = /^(\d{1,5})\/(\d{1,5})$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null) throw new InvalidArgumentError(`expected I/N, e.g. 0/4 (I is 0-based like JOB_COMPLETION_INDEX), got "${value}"`);
  if (count < 1 || count > MAX_SHARDS) throw new InvalidArgumentError(`the shard count N must be 1 to ${MAX_SHARDS}, got ${count}`);
  if (index >= count) throw new InvalidArgumentError(`the shard index I must be 0 to ${count - 1} (0-based), got ${index}`);
  return { index, count };
}

/** Parses `--shards N`. */
export function parseShardCount(value: string): number {
  if (!/^\d{1,5}$/.test(value.trim()) || Number(value) < 1 || Number(value) > MAX_SHARDS) {
    throw new InvalidArgumentError(`expected a whole number of shards from 1 to ${MAX_SHARDS}`);
  }
  return Number(value);
}
