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
  // A regex that also matches the empty string reveals its group count.
  const groups = (new RegExp(`${regex.source}|`, regex.flags.replace("g", "")).exec("")?.length ?? 1) - 1;
  if (groups !== 1) {
    throw new RuleError(
      `${source}: rule \`${spec.id}\`: pattern: expected exactly one capture group (or a named group \`secret\`), found ${groups}`,
      { hint: "Use (?:…) for groups that should not capture." },
    );
  }
  return 1;
}
