import { Command, Option } from "commander";
import { visibleText } from "../../report/terminal-text.js";
import { resolvePath } from "../../util/path.js";
import { EXIT } from "../exit-codes.js";
import type { ExitCode } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import type { CompiledRule } from "../../model/rule.js";

/** `nhiscan rules list|check`. */
export function rulesCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  const rules = new Command("rules").description("List the detection rules, or check custom rule files");
  rules
    .command("list")
    .description("List every builtin rule, and the detectors of any plugins given")
    .addOption(new Option("-f, --format <format>", "output format").choices(["table", "json"]).default("table"))
    .option("--plugin <file>", "also list this detector plugin's detectors; repeatable", (file: string, all: string[] = []) => [...all, file])
    .option("-c, --config <file>", "also list the detectors of the plugins this operator config names")
    .action(async (flags: { format: "table" | "json"; plugin?: string[]; config?: string }) => {
      const [{ loadRules }, { default: Table }, { pluginRows }] = await Promise.all([
        import("../../rules/load.js"),
        import("cli-table3"),
        import("../rule-rows.js"),
      ]);
      const all = loadRules();
      const fromPlugins = await pluginRows(io.cwd, flags.plugin ?? [], flags.config);
      if (flags.format === "json") {
        const rows = all.map(({ spec, hash }) => ({
          id: spec.id,
          name: spec.name,
          provider: spec.provider,
          kind: spec.kind,
          severity: spec.severity,
          confidence: spec.confidence,
          keywords: spec.keywords,
          validator: spec.validator ?? null,
          catalogue: spec.catalogue === true,
          references: spec.references,
          hash,
        }));
        io.stdout(`${JSON.stringify([...rows, ...fromPlugins], null, 2)}\n`);
      } else {
        const table = new Table({ head: ["id", "provider", "kind", "severity", "source"], style: { head: [], border: [] } });
        for (const { spec } of all) table.push([spec.id, spec.provider, spec.kind, spec.severity, spec.catalogue === true ? "catalogue" : "builtin"]);
        // Plugin-supplied strings are printed made visible: a plugin is the operator's, its names still reach a terminal.
        for (const row of fromPlugins) table.push([row.id, row.provider, row.kind, row.severity, `plugin ${row.plugin}`].map(visibleText));
        const plugins = fromPlugins.length === 0 ? "" : `, ${fromPlugins.length} from plugins`;
        io.stdout(`${table.toString()}\n${all.length} rules${plugins}\n${ruleCounts(all)}\n`);
      }
      setExit(EXIT.ok);
    });
  rules
    .command("check")
    .description(
      "Validate rule files: schema, one capture group, linear-time regex, sharp keywords, examples and negative examples; print keyword pass rates and the rules that are not line-local",
    )
    .argument("[dir]", "folder of *.yaml rule files (default: the builtin rules)")
    .action(async (dir: string | undefined) => {
      const [{ loadRuleDir, loadRules }, { checkRules }, { ruleCheckReport }, { valueDropReason }, { ruleCandidate }] = await Promise.all([
        import("../../rules/load.js"),
        import("../../rules/check.js"),
        import("../rule-pass-rates.js"),
        import("../../scan/value-drop.js"),
        import("../../detectors/rule-candidate.js"),
      ]);
      const loaded = dir === undefined ? loadRules() : loadRuleDir(resolvePath(io.cwd, dir));
      const problems = checkRules(loaded, (rule, match) => valueDropReason(ruleCandidate(rule, match)));
      for (const p of problems) io.stderr(`${visibleText(`${p.source}: rule \`${p.ruleId}\`: ${p.message}`)}\n`);
      if (problems.length === 0) for (const line of ruleCheckReport(loaded)) io.stdout(`${visibleText(line)}\n`);
      io.stdout(`${loaded.length} rules checked (${ruleCounts(loaded)}), ${problems.length} problem(s)\n`);
      setExit(problems.length === 0 ? EXIT.ok : EXIT.policyFailure);
    });
  return rules;
}

/** "N from the provider catalogue, M providers in all": the breadth of a rule set (`generic` is no provider). */
function ruleCounts(rules: readonly CompiledRule[]): string {
  const catalogue = rules.filter((r) => r.spec.catalogue === true);
  const providers = new Set(rules.map((r) => r.spec.provider).filter((p) => p !== "generic"));
  return `${catalogue.length} from the provider catalogue (${new Set(catalogue.map((r) => r.spec.provider)).size} providers), ${providers.size} distinct providers in all`;
}
