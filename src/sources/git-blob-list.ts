import { abandonGit, finishGit, gitText, spawnGit, splitRecords, stdoutOf } from "./git-exec.js";
import { readRawLog } from "./git-log-raw.js";
import type { GitRepo } from "./git-repo.js";

/** A blob of the object store and its size. */
export interface SizedBlob {
  readonly oid: string;
  readonly size: number;
}

/**
 * Adds every blob reachable from the scanned revisions to `paths`, with a path it had, as one
 * `git log --raw` pass streams: each (blob, path) of any reachable tree is added by some commit
 * (merges as combined diffs, roots against the empty tree). Cheaper than `rev-list --objects`;
 * memory grows with the number of blobs (path strings are shared), not with their bytes.
 */
export async function collectReachableBlobs(repo: GitRepo, paths: Map<string, string>, isExcluded?: (path: string) => boolean): Promise<void> {
  const interned = new Map<string, string>();
  for await (const commit of readRawLog(repo.cwd, repo.allRevs)) {
    for (const entry of commit.entries) {
      if (!entry.isBlob || paths.has(entry.blob) || isExcluded?.(entry.path) === true) continue;
      const path = interned.get(entry.path) ?? entry.path;
      interned.set(path, path);
      paths.set(entry.blob, path);
    }
  }
  for (const [oid, ref] of await taggedBlobs(repo.cwd)) if (!paths.has(oid)) paths.set(oid, ref);
}

/** Blobs that a ref or an annotated tag points at directly (no commit holds them), with the ref name as path. */
async function taggedBlobs(cwd: string): Promise<Map<string, string>> {
  const lines = await gitText(cwd, ["for-each-ref", "--format=%(objecttype) %(objectname) %(*objecttype) %(*objectname) %(refname)"]);
  const blobs = new Map<string, string>();
  for (const line of lines.split("\n")) {
    const [type, oid = "", peeledType, peeled = "", ...ref] = line.split(" ");
    if (type === "blob") blobs.set(oid, ref.join(" "));
    else if (peeledType === "blob") blobs.set(peeled, ref.join(" "));
  }
  return blobs;
}

/** Every blob of the object store (packs, loose objects, alternates) in pack order, with its size, read from headers only. */
export async function packOrderedBlobs(cwd: string): Promise<SizedBlob[]> {
  const args = ["cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectname) %(objectsize)", "--unordered"];
  const git = spawnGit(cwd, args);
  const blobs: SizedBlob[] = [];
  let finished = false;
  try {
    for await (const line of splitRecords(stdoutOf(git), 10)) {
      if (line.startsWith("blob ")) blobs.push({ oid: line.slice(5, line.indexOf(" ", 5)), size: Number(line.slice(line.indexOf(" ", 5) + 1)) });
    }
    finished = true;
  } finally {
    if (finished) await finishGit(git, args);
    else await abandonGit(git);
  }
  return blobs;
}
