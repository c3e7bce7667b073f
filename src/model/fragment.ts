/** Why a file or blob was not scanned. */
/**
 * Why an entry was not scanned. `nhiscan-package`: an installed copy of nhiscan itself
 * (`node_modules/nhiscan`), whose rule files hold format-valid example credentials by design.
 */
export const SKIP_REASONS = [
  "binary",
  "too-large",
  "unreadable",
  "not-regular-file",
  "symlink",
  "vanished",
  "timeout",
  "undecodable",
  "ignored",
  "nhiscan-package",
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** A commit as provenance: who and when. */
export interface CommitInfo {
  /** Full object id. */
  readonly sha: string;
  readonly author: string;
  readonly email: string;
  /** ISO 8601 author date. */
  readonly date: string;
}

/** Where a fragment of text came from. */
export type Provenance =
  | {
      readonly kind: "file";
      /** When the target is a git working tree: the commit that last changed the line, if committed. */
      readonly lastChange?: CommitInfo;
      /**
       * The commit that introduced the value on this line, traced back through the line's history
       * (the same as `lastChange` unless a later commit edited the line but kept the value).
       */
      readonly introduced?: CommitInfo;
    }
  | { readonly kind: "staged" }
  | {
      readonly kind: "git";
      /** Object id of the blob. */
      readonly blob: string;
      /** The oldest commit that introduced this blob (filled after scanning, only for blobs with findings). */
      readonly introduced?: CommitInfo;
      /** The newest commit in which the blob was present at this path. */
      readonly lastSeen?: CommitInfo;
      /** The commit that removed or replaced the blob at this path, if any. */
      readonly removedIn?: CommitInfo;
      /** Whether the blob is still at this path in HEAD. */
      readonly inHead?: boolean;
    };

/** A unit of text to scan: a file, a blob or stdin. */
export interface Fragment {
  /** Decoded text (for a git blob, decoded when first read: history dedupe reads `raw`). */
  readonly text: string;
  /** The undecoded bytes behind `text`, when it is UTF-8 or Latin-1 without a BOM (git blobs). */
  readonly raw?: RawText;
  /** Posix path relative to the target root. */
  readonly path: string;
  /** Where the text came from. */
  readonly provenance: Provenance;
}

/** A text's bytes and how they decode; a line break byte is a line break in either encoding. */
export interface RawText {
  readonly bytes: Buffer;
  readonly encoding: "utf8" | "latin1";
}

/** What a source yields: text to scan, or an entry it could not scan, with the reason. */
export type SourceEvent =
  | {
      readonly type: "fragment";
      readonly fragment: Fragment;
      /** Size of the raw bytes. */
      readonly bytes: number;
      /** The bytes were not valid UTF-8 and were decoded as latin1. */
      readonly lossy?: boolean;
    }
  | {
      /**
       * The raw bytes of a git blob (history or index): decoded where detection runs, so that a
       * worker thread is handed shared bytes rather than a string it must copy.
       */
      readonly type: "blob";
      readonly path: string;
      readonly provenance: Provenance;
      readonly content: Uint8Array;
    }
  | {
      /** A working-tree file to read: reading happens where detection runs (a worker thread). */
      readonly type: "file";
      readonly absPath: string;
      readonly path: string;
      readonly maxFileSize: number;
    }
  | { readonly type: "skip"; readonly path: string; readonly reason: SkipReason; readonly detail?: string };

/** A stream of fragments from one target. */
export interface Source {
  /** Human-readable id: the target path and mode. */
  readonly id: string;
  events(signal?: AbortSignal): AsyncIterable<SourceEvent>;
}
