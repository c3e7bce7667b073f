import { Command, Option } from "commander";
import { resolvePath } from "../../util/path.js";
import { EXIT } from "../exit-codes.js";
import type { ExitCode } from "../exit-codes.js";
import type { CliIo } from "../io.js";

/** `nhiscan rules list|check`. */
export function rulesCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  const rules = new Command("rules").description("List the detection rules, or check custom rule files");
  rules
    .command("list")
    .description("List every builtin rule")
    .addOption(new Option("-f, --format <format>", "output format").choices(["table", "json"]).default("table"))
    .action(async (flags: { format: "table" | "json" }) => {
      const [{ loadRules }, { default: Table }] = await Promise.all([import("../../rules/load.js"), import("cli-table3")]);
      const all = loadRules();
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
          references: spec.references,
          hash,
        }));
        io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
      } else {
        const table = new Table({ head: ["id", "provider", "kind", "severity"], style: { head: [], border: [] } });
        for (const { spec } of all) table.push([spec.id, spec.provider, spec.kind, spec.severity]);
        io.stdout(`${table.toString()}\n${all.length} rules\n`);
      }
      setExit(EXIT.ok);
    });
  rules
    .command("check")
    .description("Validate rule files: schema, one capture group, linear-time regex, examples and negative examples")
    .argument("[dir]", "folder of *.yaml rule files (default: the builtin rules)")
    .action(async (dir: string | undefined) => {
      const [{ loadRuleDir, loadRules }, { checkRules }] = await Promise.all([import("../../rules/load.js"), import("../../rules/check.js")]);
      const loaded = dir === undefined ? loadRules() : loadRuleDir(resolvePath(io.cwd, dir));
      const problems = checkRules(loaded);
      for (const p of problems) io.stderr(`${p.source}: rule \`${p.ruleId}\`: ${p.message}\n`);
      io.stdout(`${loaded.length} rules checked, ${problems.length} problem(s)\n`);
      setExit(problems.length === 0 ? EXIT.ok : EXIT.policyFailure);
    });
  return rules;
}
