import type { Finding } from "./finding.js";
import type { CommitInfo } from "./fragment.js";

/** Where one blob with findings lived at one path, as a history walk saw it. */
export interface ProvenanceRecord {
  readonly blob: string;
  readonly path: string;
  /** The oldest commit that put the blob at this path. */
  readonly introduced: CommitInfo;
  /** The newest commit that removed or replaced it there, and the last commit that still had it. */
  readonly removedIn?: CommitInfo;
  readonly lastSeen?: CommitInfo;
}

/**
 * What a history scan of one repository leaves for the next incremental one (`--history
 * --incremental`): the commits it covered, and the findings and provenance of every blob with
 * findings, so that a rescan reads only the blobs of new commits yet reports the whole history.
 * It holds no raw secret (findings carry hashes and redacted previews).
 */
export interface HistoryState {
  /** The real path of the scanned repository: the key the store keeps it under. */
  readonly repository: string;
  /** Ref name (`HEAD`, `refs/heads/main`, `stash@{1}`…) → the commit it pointed at when scanned. */
  readonly refs: Readonly<Record<string, string>>;
  /** Hash of the tool version, rules and config that decide findings: a change forces a full scan. */
  readonly fingerprint: string;
  /** Findings per blob, before provenance (their provenance is `{ kind: "git", blob }`). */
  readonly findings: readonly Finding[];
  readonly provenance: readonly ProvenanceRecord[];
  /** Bytes of the blobs of the repository's history (within the size limit): its measured size. */
  readonly bytes: number;
}
