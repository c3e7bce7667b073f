import { Command, Option } from "commander";
import { FORMAT_NAMES } from "../../report/format-names.js";
import { storeLabel } from "../../store/location.js";
import { EXIT } from "../exit-codes.js";
import type { ExitCode } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { loadStoreModule, storeLocationOf } from "../store-file.js";
import type { OrgReportFlags } from "../org-report.js";
import { orgPolicyConfig, writeOrgReport } from "../org-report.js";
import { STORE_OPTION } from "./inventory.js";

interface ReportFlags extends OrgReportFlags {
  readonly store?: string;
}

/** `nhiscan report --store …`: the organisation-wide inventory from the store, in any report format. */
export function reportCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  return new Command("report")
    .description("The organisation-wide report from the store: every target's latest scan merged (as `merge` does, without the JSON files)")
    .option("--store <file|url>", STORE_OPTION)
    .addOption(new Option("-f, --format <format>", "report format").choices(FORMAT_NAMES).default("table"))
    .option("-o, --output <file>", "write the report to a file (mode 0600) instead of stdout")
    .option("-c, --config <file>", "config whose policy grades the inventory (default: .nhiscan.yml in the current folder)")
    .option("--fail-on <spec>", "exit 1 when the inventory fails this policy (default: none)")
    .option("--no-color", "disable colours (NO_COLOR is honoured too)")
    .addHelpText("after", "\nExample:\n  nhiscan report --store postgres://nhiscan@db.internal/inventory --format html --output org-sprawl.html")
    .action(async (flags: ReportFlags) => {
      const location = storeLocationOf(io, flags.store);
      const { reportFromStore } = await import("../../api/org-report.js");
      const config = await orgPolicyConfig(io, flags);
      const { report, targets, unreadable } = await loadStoreModule(() =>
        reportFromStore(location, { context: { policy: config.policy, now: new Date() }, failOn: config.policy.failOn }),
      );
      const shared = await writeOrgReport(io, report, flags);
      io.stderr(`nhiscan: ${storeLabel(location)}: ${targets} target(s), ${report.items.length} credential(s), ${shared} in several repositories.\n`);
      if (unreadable.length > 0) {
        io.stderr(`nhiscan: left out ${unreadable.length} target(s) last scanned by an older nhiscan (rescan them): ${unreadable.slice(0, 3).join(", ")}\n`);
      }
      setExit(report.policy.failed ? EXIT.policyFailure : EXIT.ok);
    });
}
