/** One line of a `--repos-file`: a repository path and, when known, its size. */
export interface RepositoryEntry {
  /** The path as written in the file; without trailing slashes it is the key shards hash. */
  readonly path: string;
  /** Size in bytes (the file's second column), used to balance shards; absent when unknown. */
  readonly size?: number;
}

/** One shard of a plan: the repositories one process scans. */
export interface Shard {
  /** 0-based, like Kubernetes' `JOB_COMPLETION_INDEX`. */
  readonly index: number;
  readonly repositories: readonly RepositoryEntry[];
  /** Sum of the known sizes. */
  readonly bytes: number;
}

/** Every repository of a repos file assigned to exactly one of `shards.length` shards. */
export interface ShardPlan {
  readonly planVersion: 1;
  /** The balancing rule, so a reader of the JSON knows what the plan guarantees. */
  readonly rule: "rendezvous" | "rendezvous-bounded-load";
  /** Load bound of sized repositories (bytes); absent when no size is known. */
  readonly capacity?: number;
  readonly shards: readonly Shard[];
}
