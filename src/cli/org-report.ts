import type { ResolvedConfig } from "../model/config.js";
import type { ScanReport } from "../model/report.js";
import type { FormatName } from "../report/format-names.js";
import type { CliIo } from "./io.js";
import { useColor } from "./io.js";
import { writeOutput } from "./write-output.js";

/** Flags `merge` and `report --store` share: how an organisation-wide inventory is graded and written. */
export interface OrgReportFlags {
  readonly format: FormatName;
  readonly output?: string;
  readonly config?: string;
  readonly failOn?: string;
  readonly color?: boolean;
}

/** The config whose policy grades the organisation's inventory: `--config`'s (or the folder's), with `--fail-on` (default none). */
export async function orgPolicyConfig(io: CliIo, flags: OrgReportFlags): Promise<ResolvedConfig> {
  const [{ resolveConfig }, { validateFailOn }] = await Promise.all([import("../config/load.js"), import("../checks/gate.js")]);
  const config = resolveConfig(io.cwd, { failOn: [flags.failOn ?? "none"], ...(flags.config === undefined ? {} : { configFile: flags.config }) }, io.cwd);
  validateFailOn(config.policy.failOn);
  return config;
}

/** Writes the inventory in the chosen format and returns how many credentials sit in several repositories. */
export async function writeOrgReport(io: CliIo, report: ScanReport, flags: OrgReportFlags): Promise<number> {
  const format = await (await import("../report/index.js")).loadFormatter(flags.format);
  const toFile = flags.output !== undefined;
  writeOutput(io, format(report, { color: !toFile && useColor(io, io.stdoutIsTTY, flags.color) }), flags.output);
  return report.items.filter((item) => new Set(item.locations.map((l) => l.repository)).size > 1).length;
}
