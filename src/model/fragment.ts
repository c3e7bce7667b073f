import type { SkipReason } from "./report.js";

/** Where a fragment of text came from. */
export type Provenance =
  | { readonly kind: "file" }
  | { readonly kind: "staged" }
  | {
      readonly kind: "git";
      /** Object id of the blob. */
      readonly blob: string;
    };

/** A unit of text to scan: a file, a blob or stdin. */
export interface Fragment {
  /** Decoded text. */
  readonly text: string;
  /** Posix path relative to the target root. */
  readonly path: string;
  /** Where the text came from. */
  readonly provenance: Provenance;
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
  | { readonly type: "skip"; readonly path: string; readonly reason: SkipReason; readonly detail?: string };

/** A stream of fragments from one target. */
export interface Source {
  /** Human-readable id: the target path and mode. */
  readonly id: string;
  events(signal?: AbortSignal): AsyncIterable<SourceEvent>;
}
