import { readFileSync } from "node:fs";
import { RuleError } from "../model/errors.js";
import type { CompiledRule } from "../model/rule.js";
import { joinPath, packageRoot } from "../util/path.js";
import { formatZodIssues } from "../util/zod-issues.js";
import { readRuleCache } from "./builtin-cache.js";
import { compileRule } from "./compile.js";
import { findBacktrackingRisk } from "./regex-safety.js";
import { lazyRequire } from "../util/lazy-require.js";
import { ruleSchemas, toRuleSpec } from "./schema.js";
import { compileCatalogueEntry } from "./catalogue.js";
import { catalogueSchemas } from "./catalogue-schema.js";
import { ruleFilesOf } from "./rule-files.js";
import type { RuleFiles } from "./rule-files.js";

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

/** Reads, validates and compiles every `*.yaml`/`*.yml` rule file in a folder, then its `catalogue/` files. */
export function loadRuleDir(dir: string): CompiledRule[] {
  let files: RuleFiles;
  try {
    files = ruleFilesOf(dir);
  } catch (error) {
    throw new RuleError(`${dir}: cannot read rule folder (${(error as NodeJS.ErrnoException).code ?? "error"})`, { cause: error });
  }
  return [...files.rules.flatMap(loadRuleFile), ...files.catalogue.flatMap(loadCatalogueFile)];
}

function parseYamlFile(file: string, what: string): unknown {
  try {
    return yaml().parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new RuleError(`${file}: expected a YAML ${what} (${(error as Error).message.split("\n")[0]})`, { cause: error });
  }
}

/** Reads, validates and compiles one provider catalogue file (`providers:` entries, see catalogue-schema.ts). */
export function loadCatalogueFile(file: string): CompiledRule[] {
  const top = catalogueSchemas().file.safeParse(parseYamlFile(file, "catalogue file"));
  if (!top.success) throw new RuleError(`${file}: ${formatZodIssues(top.error).join("; ")}`);
  return top.data.providers.map((raw, index) => {
    const named = typeof raw === "object" && raw !== null && "provider" in raw ? String((raw as { provider: unknown }).provider) : "";
    const label = `${file}: entry #${index + 1}${named === "" ? "" : ` (\`${named}\`)`}`;
    const parsed = catalogueSchemas().entry.safeParse(raw);
    if (!parsed.success) throw new RuleError(`${label}: ${formatZodIssues(parsed.error).join("; ")}`);
    const spec = compileCatalogueEntry(parsed.data, label);
    const risk = findBacktrackingRisk(spec.pattern);
    if (risk !== undefined) throw new RuleError(`${label}: shape: expected a value that compiles to a linear-time regex, found ${risk}`);
    return compileRule(spec, file);
  });
}

/** Reads, validates and compiles one rule file. */
export function loadRuleFile(file: string): CompiledRule[] {
  const top = ruleSchemas().file.safeParse(parseYamlFile(file, "rule file"));
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
