import type { SourceEvent } from "../model/fragment.js";
import { decodedEvent, lazyDecodedEvent } from "./decode.js";

type BlobEvent = Extract<SourceEvent, { type: "blob" }>;

/** A blob's bytes as a source event: text to scan, or a skip when they are binary. */
export function readBlobEvent({ content, path, provenance }: BlobEvent): SourceEvent {
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  return provenance.kind === "git" ? lazyDecodedEvent(bytes, path, provenance, `blob ${provenance.blob}`) : decodedEvent(bytes, path, provenance);
}
