import type { SourceEvent } from "../model/fragment.js";
import { decodeBuffer } from "./decode.js";

type BlobEvent = Extract<SourceEvent, { type: "blob" }>;

/** A blob's bytes as a source event: text to scan, or a skip when they are binary. */
export function readBlobEvent(event: BlobEvent): SourceEvent {
  const { content, path, provenance } = event;
  const decoded = decodeBuffer(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
  if (decoded.kind === "binary") {
    return { type: "skip", path, reason: "binary", ...(provenance.kind === "git" ? { detail: `blob ${provenance.blob}` } : {}) };
  }
  return {
    type: "fragment",
    fragment: { text: decoded.text, path, provenance },
    bytes: content.byteLength,
    ...(decoded.lossy ? { lossy: true } : {}),
  };
}
