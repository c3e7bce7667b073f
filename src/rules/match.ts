import type { CompiledRule, Confidence } from "../model/rule.js";
import { escapeRegex, lineWindows, shannonEntropy } from "../util/text.js";
import { runValidator } from "./validators.js";

/** One accepted match of a rule in a text. */
export interface RuleMatch {
  readonly secret: string;
  readonly start: number;
  readonly end: number;
  readonly confidence: Confidence;
  readonly parts?: Readonly<Record<string, string>>;
}

/**
 * All matches of one rule in a text, after its entropy floor and validator.
 * A failed validator drops the match: a wrong checksum means it is not this format.
 */
export function matchRule(rule: CompiledRule, text: string): RuleMatch[] {
  const out: RuleMatch[] = [];
  const regex = rule.regex;
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const span = typeof rule.secretGroup === "number" ? m.indices?.[rule.secretGroup] : m.indices?.groups?.[rule.secretGroup];
    if (span === undefined) continue;
    const secret = text.slice(span[0], span[1]);
    if (rule.spec.entropy !== undefined && shannonEntropy(secret) < rule.spec.entropy) continue;
    let confidence = rule.spec.confidence;
    let parts: Readonly<Record<string, string>> | undefined;
    if (rule.spec.validator !== undefined) {
      const result = runValidator(rule.spec.validator, secret);
      if (result.status === "invalid") continue;
      if (result.status === "valid") {
        confidence = "high";
        parts = result.parts;
      }
    }
    out.push({ secret, start: span[0], end: span[1], confidence, ...(parts === undefined ? {} : { parts }) });
  }
  return out;
}

/**
 * The matches of a rule found on the lines around its keywords when it is line-local (see
 * `keywordSearchOf`): each keyword's line with the line before and after. Windows start and end
 * at line breaks, where `\b`, lookarounds and `^`/`$` (m flag) read as in the whole text; a long
 * file costs its keywords' neighbourhoods, not a regex pass over every character.
 */
export function matchRuleNearKeywords(rule: CompiledRule, text: string): RuleMatch[] {
  const search = keywordSearchOf(rule);
  if (search === undefined) return matchRule(rule, text);
  const out: RuleMatch[] = [];
  for (const { from, to } of lineWindows(text, matchStarts(search, text), 1, 1)) {
    for (const m of matchRule(rule, text.slice(from, to))) out.push({ ...m, start: m.start + from, end: m.end + from });
  }
  return out;
}

function* matchStarts(search: RegExp, text: string): Generator<number> {
  search.lastIndex = 0;
  for (let m = search.exec(text); m !== null; m = search.exec(text)) yield m.index;
}

// Worked out on a rule's first long text: most rules never meet one in a scan.
const keywordSearches = new WeakMap<CompiledRule, RegExp | undefined>();

/** A search for the rule's keywords (any case), or undefined when it may match away from them. */
export function keywordSearchOf(rule: CompiledRule): RegExp | undefined {
  if (keywordSearches.has(rule)) return keywordSearches.get(rule);
  const search = isLineLocal(rule) ? new RegExp(rule.keywords.map(escapeRegex).join("|"), "gi") : undefined;
  keywordSearches.set(rule, search);
  return search;
}

/**
 * Whether every match lies on the lines around a keyword of the rule, with the same result as
 * on the whole text: it has keywords, no dot-all, no class that spans any number of lines
 * (`[\s\S]`), no lookbehind reaching back across lines, no `^`/`$` meaning the text's ends,
 * no negated class that lets a line break through, and none of its examples' matches crosses a
 * line break (PEM-like blocks do).
 */
function isLineLocal({ spec, regex }: CompiledRule): boolean {
  if (spec.keywords.length === 0 || spec.flags.includes("s")) return false;
  if (/\\[sSwWdD]\\[sSwWdD]|\[\^\]|\(\?<=/.test(spec.pattern)) return false;
  // A negated class that does not exclude line breaks (`[^;]{0,300}`, `[^{}]`) reads across lines.
  if ((spec.pattern.match(/\[\^(?:[^\]\\]|\\.)*\]/g) ?? []).some((c) => !/\\[ns]/.test(c))) return false;
  // Outside escapes and character classes, an anchor without the m flag means the text's ends.
  const bare = spec.pattern.replace(/\\./g, "").replace(/\[(?:[^\]\\]|\\.)*\]/g, "");
  if (!spec.flags.includes("m") && /[\^$]/.test(bare)) return false;
  return spec.examples.every(({ input }) => {
    regex.lastIndex = 0;
    return regex.exec(input)?.[0].includes("\n") !== true;
  });
}
