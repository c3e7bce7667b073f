/**
 * Why a candidate value is not a credential at all: the closed list of drops. Each is counted
 * with its reason in the report's suppressions. Nothing else is ever dropped for its value alone.
 */
export const VALUE_DROP_REASONS = ["reference", "template", "mask", "empty", "own-name", "public-sample"] as const;
export type ValueDropReason = (typeof VALUE_DROP_REASONS)[number];

/** The value model's verdict on a candidate value assigned to a credential-named key. */
export type ValueVerdict =
  | { readonly verdict: "drop"; readonly reason: ValueDropReason }
  /** A credential an attacker guesses: a word, a default, short, letters only. Reported with `weak: true`. */
  | { readonly verdict: "weak" }
  | { readonly verdict: "credential" };
