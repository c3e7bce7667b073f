import { existsSync, readFileSync, readdirSync } from "node:fs";
import type { CompiledRule } from "../model/rule.js";
import { buildPrefilter } from "../detectors/keyword-prefilter.js";
import { builtinRulesDir } from "../rules/load.js";
import { notLineLocalBecause } from "../rules/match.js";
import { joinPath, resolvePath } from "../util/path.js";

/** The reference text `rules check` measures keywords on: ordinary code and docs (scripts/reference-text.js). */
export function referenceTextDir(): string {
  return resolvePath(builtinRulesDir(), "..", "bench", "reference-text");
}

/** Each rule's share of the reference text's bytes that its keywords let through, and the share any rule lets through. */
export function passRates(
  rules: readonly CompiledRule[],
  dir = referenceTextDir(),
): { rates: Map<CompiledRule, number>; overall: number; bytes: number } | undefined {
  if (!existsSync(dir)) return undefined;
  const texts = readdirSync(dir)
    .filter((name) => name.endsWith(".txt"))
    .sort()
    .map((name) => readFileSync(joinPath(dir, name), "utf8"));
  const prefilter = buildPrefilter(rules);
  const passed = new Map<CompiledRule, number>();
  let bytes = 0;
  let any = 0;
  for (const text of texts) {
    bytes += text.length;
    const hit = prefilter.candidates(text);
    if (hit.length > 0) any += text.length;
    for (const rule of hit) passed.set(rule, (passed.get(rule) ?? 0) + text.length);
  }
  const rates = new Map(rules.map((rule) => [rule, bytes === 0 ? 0 : (passed.get(rule) ?? 0) / bytes]));
  return { rates, overall: bytes === 0 ? 0 : any / bytes, bytes };
}

/** The lines `rules check` prints after its problems: pass rates (highest first) and the rules that are not line-local, with why. */
export function ruleCheckReport(rules: readonly CompiledRule[]): string[] {
  const lines: string[] = [];
  const measured = passRates(rules);
  if (measured !== undefined) {
    const passing = [...measured.rates].filter(([, rate]) => rate > 0).sort((a, b) => b[1] - a[1]);
    lines.push(
      `Keyword pass rate over the reference text (${(measured.bytes / 1024).toFixed(0)} KiB): ${(100 * measured.overall).toFixed(1)} % of bytes reach a rule`,
    );
    for (const [rule, rate] of passing) lines.push(`  ${(100 * rate).toFixed(1).padStart(5)} %  ${rule.spec.id}  [${rule.spec.keywords.join(", ")}]`);
    lines.push(`  ${rules.length - passing.length} other rule(s): 0 %`);
  }
  const wide = rules.flatMap((rule) => {
    const why = notLineLocalBecause(rule);
    return why === undefined ? [] : [`  ${rule.spec.id}: ${why}`];
  });
  lines.push(`Rules that are not line-local (read the whole text when a keyword occurs): ${wide.length}`, ...wide);
  return lines;
}
