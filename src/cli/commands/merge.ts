import { readFileSync } from "node:fs";
import { Command, Option } from "commander";
import { InputError } from "../../model/errors.js";
import { FORMAT_NAMES } from "../../report/format-names.js";
import { baseName, resolvePath } from "../../util/path.js";
import { EXIT } from "../exit-codes.js";
import type { ExitCode } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import type { OrgReportFlags } from "../org-report.js";
import { orgPolicyConfig, writeOrgReport } from "../org-report.js";

type MergeFlags = OrgReportFlags;

/** `nhiscan merge a.json b.json …`: one org-level inventory from many repositories' JSON reports. */
export function mergeCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  return new Command("merge")
    .description("Merge JSON reports (one per repository) into one inventory: a value found in several repositories is one shared item")
    .argument("<reports...>", "JSON reports written by `nhiscan scan --format json --output FILE`; each file's name labels its repository")
    .addOption(new Option("-f, --format <format>", "report format").choices(FORMAT_NAMES).default("table"))
    .option("-o, --output <file>", "write the merged report to a file (mode 0600) instead of stdout")
    .option("-c, --config <file>", "config whose policy re-grades the merged inventory (default: .nhiscan.yml in the current folder)")
    .option("--fail-on <spec>", "exit 1 when the merged inventory fails this policy (default: none)")
    .option("--no-color", "disable colours (NO_COLOR is honoured too)")
    .addHelpText(
      "after",
      `
Examples:
  nhiscan merge reports/*.json --format html --output org-sprawl.html
  nhiscan merge report.json --format sarif --output nhiscan.sarif     (one report: converts it)`,
    )
    .action(async (files: string[], flags: MergeFlags) => {
      const [{ mergeReports, parseReport }, { toolVersion }] = await Promise.all([import("../../report/merge.js"), import("../../api/version.js")]);
      const config = await orgPolicyConfig(io, flags);
      const labels = reportLabels(files);
      const inputs = files.map((file, i) => ({ label: labels[i] ?? file, report: parseReport(readReport(io.cwd, file), file) }));
      const report = mergeReports(inputs, { context: { policy: config.policy, now: new Date() }, failOn: config.policy.failOn, version: toolVersion() });
      const shared = await writeOrgReport(io, report, flags);
      io.stderr(`nhiscan: merged ${files.length} report(s): ${report.items.length} credential(s), ${shared} in several repositories.\n`);
      setExit(report.policy.failed ? EXIT.policyFailure : EXIT.ok);
    });
}

function readReport(cwd: string, file: string): string {
  try {
    return readFileSync(resolvePath(cwd, file), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(`${file}: cannot read report (${code === "ENOENT" ? "no such file" : code})`, { cause: error });
  }
}

/** Each report's repository label: its file name without `.json`, or the path where names collide. */
function reportLabels(files: readonly string[]): string[] {
  const strip = (f: string) => f.replace(/\.json$/i, "");
  const names = files.map((f) => strip(baseName(f)));
  return files.map((f, i) => (names.filter((n) => n === names[i]).length > 1 ? strip(f) : (names[i] ?? f)));
}
