import { readdirSync, readFileSync } from "node:fs";
import { RuleError } from "../model/errors.js";
import type { CompiledRule } from "../model/rule.js";
import { joinPath, packageRoot } from "../util/path.js";
import { formatZodIssues } from "../util/zod-issues.js";
import { readRuleCache } from "./builtin-cache.js";
import { compileRule } from "./compile.js";
import { findBacktrackingRisk } from "./regex-safety.js";
import { lazyRequire } from "../util/lazy-require.js";
import { ruleSchemas, toRuleSpec } from "./schema.js";

const yaml = lazyRequire<typeof import("yaml")>("yaml");

/** Folder of the rules shipped with the package. */
export function builtinRulesDir(): string {
  return joinPath(packageRoot(), "rules");
}

/** The builtin rules: from the build-time cache when it is current, else from the YAML. */
export function loadBuiltinRules(): CompiledRule[] {
  const dir = builtinRulesDir();
  const cached = readRuleCache(dir);
  return cached === undefined ? loadRuleDir(dir) : cached.map(({ spec, source }) => compileRule(spec, source));
}

/** Reads, validates and compiles every `*.yaml`/`*.yml` file in a folder. */
export function loadRuleDir(dir: string): CompiledRule[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (error) {
    throw new RuleError(`${dir}: cannot read rule folder (${(error as NodeJS.ErrnoException).code ?? "error"})`, { cause: error });
  }
  return names.flatMap((name) => loadRuleFile(joinPath(dir, name)));
}

/** Reads, validates and compiles one rule file. */
export function loadRuleFile(file: string): CompiledRule[] {
  let doc: unknown;
  try {
    doc = yaml().parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new RuleError(`${file}: expected a YAML rule file (${(error as Error).message.split("\n")[0]})`, { cause: error });
  }
  const top = ruleSchemas().file.safeParse(doc);
  if (!top.success) throw new RuleError(`${file}: ${formatZodIssues(top.error).join("; ")}`);
  return top.data.rules.map((raw, index) => {
    const parsed = ruleSchemas().rule.safeParse(raw);
    if (!parsed.success) {
      const id = typeof raw === "object" && raw !== null && "id" in raw ? String((raw as { id: unknown }).id) : `#${index + 1}`;
      throw new RuleError(`${file}: rule \`${id}\`: ${formatZodIssues(parsed.error).join("; ")}`);
    }
    const risk = findBacktrackingRisk(parsed.data.pattern);
    if (risk !== undefined) {
      throw new RuleError(`${file}: rule \`${parsed.data.id}\`: pattern: expected a linear-time regex, found ${risk}`, {
        hint: "Bound the inner repetition or remove the nesting; run `nhiscan rules check DIR` for details.",
      });
    }
    return compileRule(toRuleSpec(parsed.data), file);
  });
}

/** Loads the builtin rules plus extra folders, rejecting duplicate ids, minus disabled ids. */
export function loadRules(options: { extraDirs?: readonly string[]; disabled?: readonly string[]; builtin?: boolean } = {}): CompiledRule[] {
  const builtin = options.builtin === false ? [] : loadBuiltinRules();
  const rules = [...builtin, ...(options.extraDirs ?? []).flatMap((dir) => loadRuleDir(dir))];
  const seen = new Map<string, string>();
  for (const rule of rules) {
    const first = seen.get(rule.spec.id);
    if (first !== undefined) {
      throw new RuleError(`${rule.source}: rule \`${rule.spec.id}\`: id: expected a unique id, already defined in ${first}`);
    }
    seen.set(rule.spec.id, rule.source);
  }
  const disabled = new Set(options.disabled ?? []);
  for (const id of disabled) {
    if (!seen.has(id)) throw new RuleError(`rules.disable: expected a known rule id, got \`${id}\``, { hint: "Run `nhiscan rules list` to see rule ids." });
  }
  return rules.filter((r) => !disabled.has(r.spec.id));
}
