import type { Candidate } from "../model/finding.js";
import { valueDropReason as valueModelDrop } from "../values/verdict.js";
import { placeholderReason } from "./placeholder.js";

/** Kinds whose values the value model does not judge: references name a secret, the rest are exact shapes (`{SSHA}…`, `$6$…`, PEM). */
const SHAPE_EXACT = new Set<string>(["managed-reference", "password-hash", "private-key", "certificate"]);

/** Candidates named by their context alone (a key, a URL's user info), not by a provider format. */
export function isGeneric(candidate: Candidate): boolean {
  return candidate.provider === "generic" || candidate.ruleId === "uri-credentials" || candidate.ruleId === "password-literal";
}

/** The key or variable a generic value was assigned to. */
export function keyOf(candidate: Candidate): string {
  return candidate.parts?.["key"] ?? candidate.parts?.["name"] ?? "";
}

/**
 * Why the value alone rules a candidate out, whatever its file: the value model's closed list
 * (reference, template, mask, empty, the key's own name: `value:<reason>`; a documented public
 * sample: `well-known-public`) or a provider placeholder. The scan drops on it and counts the
 * reason; `rules check` asks it whether a catalogue counter-example stays silent and an example
 * survives.
 */
export function valueDropReason(candidate: Candidate): string | undefined {
  const reason = SHAPE_EXACT.has(candidate.kind) ? undefined : valueModelDrop(candidate.secret, isGeneric(candidate) ? keyOf(candidate) : "");
  if (reason === "public-sample") return "well-known-public";
  if (reason !== undefined) return `value:${reason}`;
  return placeholderReason(candidate) === undefined ? undefined : "placeholder";
}
