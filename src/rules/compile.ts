import { RuleError } from "../model/errors.js";
import type { CompiledRule, RuleSpec } from "../model/rule.js";
import { shortHash } from "../util/hash.js";

/** Compiles one rule; a bad pattern is a RuleError naming the file and the rule. */
export function compileRule(spec: RuleSpec, source: string): CompiledRule {
  let regex: RegExp;
  try {
    regex = new RegExp(spec.pattern, `gd${spec.flags}`);
  } catch (error) {
    throw new RuleError(`${source}: rule \`${spec.id}\`: pattern: expected a valid JavaScript regex (${(error as Error).message})`);
  }
  return {
    spec,
    regex,
    secretGroup: secretGroupOf(spec, regex, source),
    keywords: spec.keywords.map((k) => k.toLowerCase()),
    source,
    hash: shortHash(`${spec.pattern}\u0000${spec.flags}`, 12),
  };
}

function secretGroupOf(spec: RuleSpec, regex: RegExp, source: string): number | string {
  if (spec.pattern.includes("(?<secret>")) return "secret";
  const groups = captureGroups(regex.source);
  if (groups !== 1) {
    throw new RuleError(`${source}: rule \`${spec.id}\`: pattern: expected exactly one capture group (or a named group \`secret\`), found ${groups}`, {
      hint: "Use (?:…) for groups that should not capture.",
    });
  }
  return 1;
}

/**
 * Capture groups in a (valid) pattern, counted from its text: compiling each of 300 regexes
 * to count them cost ~40 ms of every start. A `(` opens one unless escaped, inside a class, or
 * followed by `?` (other than a named group `(?<name>`).
 */
export function captureGroups(pattern: string): number {
  let count = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") {
      if (pattern[i + 1] !== "?") count++;
      else if (pattern[i + 2] === "<" && pattern[i + 3] !== "=" && pattern[i + 3] !== "!") count++;
    }
  }
  return count;
}
