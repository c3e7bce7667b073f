import { existsSync } from "node:fs";
import { Command } from "commander";
import { resolvePath } from "../../util/path.js";
import { EXIT } from "../exit-codes.js";
import type { ExitCode } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { writeOutput } from "../write-output.js";

const DEFAULT_FILE = ".nhiscan-baseline.json";

interface CreateFlags {
  readonly output: string;
  readonly config?: string;
  readonly history?: boolean;
}

/** `nhiscan baseline create`: accept what is found now, so later scans report only new credentials. */
export function baselineCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  const baseline = new Command("baseline").description("Accept the credentials found now, so that later scans report only new ones");
  baseline
    .command("create")
    .description("Scan, then write every leaked credential found to a baseline file (credential ids, redacted previews, reasons)")
    .argument("[paths...]", "files or folders to scan", [])
    .option("-o, --output <file>", "baseline file to write; entries already in it are kept", DEFAULT_FILE)
    .option("-c, --config <file>", "config file (default: .nhiscan.yml in the first scanned folder)")
    .option("--history", "accept what the whole git history holds, not only the working tree")
    .addHelpText(
      "after",
      `
Entries are keyed by credential id (a hash of the value), so a baselined value stays suppressed
wherever it moves, while a new value on the same line is reported. Add "status": "rotated" (or
"revoked") and "date": "YYYY-MM-DD" to an entry once the credential is dead: its occurrences left
only in git history then stop failing the policy. Scan with: nhiscan scan --baseline ${DEFAULT_FILE}`,
    )
    .action(async (paths: string[], flags: CreateFlags) => {
      const [{ scan }, { createBaseline, readBaseline }, { toolVersion }] = await Promise.all([
        import("../../api/scan.js"),
        import("../../inventory/baseline.js"),
        import("../../api/version.js"),
      ]);
      const file = resolvePath(io.cwd, flags.output);
      // Read first: a malformed existing file stops here, before the scan.
      const previous = existsSync(file) ? readBaseline(file) : undefined;
      const report = await scan({
        paths,
        cwd: io.cwd,
        failOn: ["none"],
        baseline: false,
        history: flags.history === true,
        ...(flags.config === undefined ? {} : { config: flags.config }),
      });
      const { baseline: written, added } = createBaseline(report.items, previous, { createdAt: report.scannedAt, tool: `nhiscan ${toolVersion()}` });
      writeOutput(io, `${JSON.stringify(written, null, 2)}\n`, flags.output);
      io.stderr(
        `nhiscan: wrote ${flags.output}: ${written.entries.length} accepted credential(s), ${added} new. ` +
          `Review it, commit it, and scan with --baseline ${flags.output}.\n`,
      );
      setExit(EXIT.ok);
    });
  return baseline;
}
