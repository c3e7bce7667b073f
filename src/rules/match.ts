import type { CompiledRule, Confidence } from "../model/rule.js";
import { lineWindows, shannonEntropy } from "../util/text.js";
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

/** A span `[from, to)` of whole lines of a text, where a rule is verified. */
export interface Window {
  readonly from: number;
  readonly to: number;
}

/**
 * The matches of a rule in its windows (undefined: the whole text). A line-local rule's windows
 * are the lines around its keywords (see `ruleWindows`): they start and end at line breaks, where
 * `\b`, lookarounds and `^`/`$` (m flag) read as in the whole text, so a long file costs its
 * keywords' neighbourhoods, not a regex pass over every character.
 */
export function matchRuleIn(rule: CompiledRule, text: string, windows: readonly Window[] | undefined): RuleMatch[] {
  if (windows === undefined) return matchRule(rule, text);
  const out: RuleMatch[] = [];
  for (const { from, to } of windows) {
    if (from === 0 && to === text.length) return matchRule(rule, text);
    for (const m of matchRule(rule, text.slice(from, to))) out.push({ ...m, start: m.start + from, end: m.end + from });
  }
  return out;
}

/** A line-local rule's windows: each line holding a keyword (`positions`, ascending) with the line before and after, merged. */
export function ruleWindows(text: string, positions: Iterable<number>): Window[] {
  return [...lineWindows(text, positions, 1, 1)];
}

const notLineLocal = new WeakMap<CompiledRule, string | null>();

/** Whether every match lies on the lines around a keyword of the rule (see `notLineLocalBecause`). */
export function isLineLocal(rule: CompiledRule): boolean {
  return notLineLocalBecause(rule) === undefined;
}

/**
 * Why a rule may match away from its keywords' lines, or undefined when every match lies on the
 * lines around a keyword with the same result as on the whole text: it has keywords, no dot-all,
 * no class that spans any number of lines (`[\s\S]`), no lookbehind reaching back across lines,
 * no `^`/`$` meaning the text's ends, no negated class that lets a line break through, and none
 * of its examples' matches crosses a line break (PEM-like blocks do).
 */
export function notLineLocalBecause(rule: CompiledRule): string | undefined {
  let known = notLineLocal.get(rule);
  if (known === undefined) notLineLocal.set(rule, (known = reasonNow(rule) ?? null));
  return known ?? undefined;
}

function reasonNow({ spec, regex }: CompiledRule): string | undefined {
  if (spec.keywords.length === 0) return "no keywords";
  if (spec.flags.includes("s")) return "dot-all flag `s`";
  if (/\\[sSwWdD]\\[sSwWdD]/.test(spec.pattern)) return "a class spanning any character (`[\\s\\S]`)";
  if (/\[\^\]/.test(spec.pattern)) return "a class `[^]` matching line breaks";
  if (/\(\?<=/.test(spec.pattern)) return "a lookbehind, which may read across lines";
  // A negated class that does not exclude line breaks (`[^;]{0,300}`, `[^{}]`) reads across lines.
  const open = (spec.pattern.match(/\[\^(?:[^\]\\]|\\.)*\]/g) ?? []).find((c) => !/\\[ns]/.test(c));
  if (open !== undefined) return `negated class \`${open}\` lets a line break through`;
  // Outside escapes and character classes, an anchor without the m flag means the text's ends.
  const bare = spec.pattern.replace(/\\./g, "").replace(/\[(?:[^\]\\]|\\.)*\]/g, "");
  if (!spec.flags.includes("m") && /[\^$]/.test(bare)) return "`^` or `$` without the m flag (the text's ends)";
  const crossing = spec.examples.some(({ input }) => {
    regex.lastIndex = 0;
    return regex.exec(input)?.[0].includes("\n") === true;
  });
  return crossing ? "an example's match crosses a line break" : undefined;
}
