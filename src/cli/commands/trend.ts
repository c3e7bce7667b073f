import { Command, Option } from "commander";
import { TREND_FORMATS } from "../../report/format-names.js";
import type { TrendFormat } from "../../report/format-names.js";
import { EXIT } from "../exit-codes.js";
import type { ExitCode } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { loadStoreModule, storeLocationOf } from "../store-file.js";
import { writeOutput } from "../write-output.js";
import { STORE_OPTION, columnsOf } from "./inventory.js";

/** `nhiscan trend`: one row per recorded scan, oldest first. */
export function trendCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  return new Command("trend")
    .description("One row per recorded scan: open, new, remediated, reopened, median days to remediate")
    .option("--store <file>", STORE_OPTION)
    .addOption(new Option("-f, --format <format>", "output format").choices([...TREND_FORMATS]).default("table"))
    .option("-o, --output <file>", "write to a file (mode 0600) instead of stdout")
    .action(async (flags: { store?: string; format: TrendFormat; output?: string }) => {
      const location = storeLocationOf(io, flags.store);
      const [{ withStore }, { readTrend }, { formatTrend }] = await Promise.all([
        import("../../store/open.js"),
        import("../../store/queries.js"),
        import("../../report/trend.js"),
      ]);
      const trend = await loadStoreModule(() => withStore(location, { create: false }, readTrend));
      writeOutput(io, formatTrend(trend, flags.format, columnsOf(io, flags.output)), flags.output);
      setExit(EXIT.ok);
    });
}
