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
