import type { Candidate } from "../model/finding.js";
import { placeholderReason } from "./placeholder.js";
import { wellKnownPublic } from "./well-known-public.js";

/**
 * Why the value alone rules a candidate out, whatever its file: a documented public sample or a
 * placeholder. The scan drops on it; `rules check` asks it whether a catalogue counter-example
 * stays silent and an example survives.
 */
export function valueDropReason(candidate: Candidate): "well-known-public" | "placeholder" | undefined {
  if (candidate.kind !== "managed-reference" && wellKnownPublic(candidate.secret) !== undefined) return "well-known-public";
  return placeholderReason(candidate) === undefined ? undefined : "placeholder";
}
