import { matchRule } from "../rules/match.js";
import type { CompiledRule } from "../model/rule.js";
import type { DetectContext } from "./detector.js";

/** Generic YAML rules (`sshpass -p …`, `X-Api-Key: …`) find a value by its context, as the generic detectors do: they name no provider. */
const names = (rule: CompiledRule): boolean => rule.spec.provider !== "generic";

// Context a provider rule may need around a value (`aws_secret_access_key = …`), without
// re-reading a whole minified line.
const WINDOW = 200;

/** Whether a provider rule recognises a value on its own (a decoded Secret value such as `ghp_…`). */
export function providerRuleNames(context: DetectContext, value: string): boolean {
  return context.prefilter.candidates(value).some((rule) => names(rule) && matchRule(rule, value).length > 0);
}

/**
 * Whether a provider rule (the YAML rules) matches a span overlapping `[start, end)`, looking only
 * at the surrounding line. Generic detectors leave such values to the rule, which names the provider.
 */
export function providerRuleCovers(context: DetectContext, text: string, start: number, end: number): boolean {
  // Line breaks are looked for within the window only: on a minified line an unbounded search
  // would re-read the line for every candidate on it.
  const before = Math.max(0, start - WINDOW);
  const from = before + text.slice(before, start).lastIndexOf("\n") + 1;
  const after = text.slice(end, end + WINDOW).indexOf("\n");
  const to = after < 0 ? Math.min(text.length, end + WINDOW) : end + after;
  const window = text.slice(from, to);
  for (const rule of context.prefilter.candidates(window)) {
    if (!names(rule)) continue;
    for (const match of matchRule(rule, window)) {
      if (match.start + from < end && match.end + from > start) return true;
    }
  }
  return false;
}

/** A keyword shaped like a token prefix (`xoxb-`, `ghp_`, `sk_live_`, `hvs.`): 4+ characters ending in a separator. */
const PREFIX_KEYWORD = /^[a-z0-9][a-z0-9_.-]{2,}[_.-]$/;
const STAND_IN_TAIL = /(?:[xX*#•]{3,}|\.{3}|…|<[^>]*>|\[[^\]]*\]|\{[^}]*\})$/;

/**
 * A value that starts with a provider's token prefix but that no provider rule accepts (wrong
 * length, alphabet or checksum: `xoxb-1234-5678-91011-00e4dd`): a documentation look-alike, not a
 * credential of an unknown kind. Generic detectors leave it alone.
 */
export function providerLookAlike(context: DetectContext, value: string): boolean {
  // A prefix with a stand-in (`ghp_xxxx`, `sk-...`) is the placeholder guard's: it counts the drop.
  if (STAND_IN_TAIL.test(value)) return false;
  const lower = value.toLowerCase();
  const rules = context.prefilter.candidates(value).filter(names);
  const prefixed = rules.some((rule) => rule.spec.keywords.some((k) => PREFIX_KEYWORD.test(k) && lower.startsWith(k)));
  return prefixed && !rules.some((rule) => matchRule(rule, value).length > 0);
}
