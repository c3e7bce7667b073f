import { Command, Option } from "commander";
import { ENGINE_NAMES } from "../../model/engine.js";
import type { EngineName } from "../../model/engine.js";
import { CONFIDENCES } from "../../model/rule.js";
import type { Confidence } from "../../model/rule.js";
import { FORMAT_NAMES } from "../../report/format-names.js";
import type { FormatName } from "../../report/format-names.js";
import { EXIT } from "../exit-codes.js";
import type { ExitCode } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { useColor } from "../io.js";
import { parseCount, parseSize } from "../parse-size.js";
import { progressLine } from "../progress.js";
import { readRepositoryEntries } from "../repos-file.js";
import { parseShard } from "../shard-flag.js";
import type { ShardSelector } from "../shard-flag.js";
import { InputError } from "../../model/errors.js";
import type { HistoryState } from "../../model/history-state.js";
import type { HistoryMemoryOptions, ScanOptions } from "../../api/scan.js";
import { loadStoreModule, storeValueOf } from "../store-file.js";
import { outcomeLine, printScanNotices } from "../scan-notices.js";
import { writeOutput } from "../write-output.js";

interface ScanFlags {
  readonly format: FormatName;
  readonly output?: string;
  readonly config?: string;
  readonly failOn?: string;
  readonly showSecrets?: boolean;
  readonly minConfidence?: Confidence;
  readonly maxFileSize?: number;
  readonly quiet?: boolean;
  readonly workers?: number;
  readonly color?: boolean;
  readonly baseline?: string;
  readonly reposFile?: string;
  readonly shard?: ShardSelector;
  readonly incremental?: boolean;
  readonly history?: boolean;
  readonly since?: string;
  readonly range?: string;
  readonly staged?: boolean;
  readonly store?: string;
  readonly trustRepoConfig?: boolean;
  readonly plugin?: string[];
  readonly engine?: EngineName;
}

const GIT_MODES = ["history", "since", "range", "staged"] as const;

/** A git-mode flag that excludes the other three (commander reports a combination as a usage error). */
function gitModeOption(flags: string, description: string): Option {
  const name = GIT_MODES.find((mode) => flags.startsWith(`--${mode}`)) ?? "history";
  return new Option(flags, description).conflicts(GIT_MODES.filter((mode) => mode !== name));
}

/** `nhiscan scan [paths...]`: scan, print the inventory, exit by the policy. */
export function scanCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  return new Command("scan")
    .description("Scan files and folders for credentials and print the graded inventory")
    .argument("[paths...]", "files or folders to scan", [])
    .addOption(new Option("-f, --format <format>", "report format").choices(FORMAT_NAMES).default("table"))
    .option("-o, --output <file>", "write the report to a file (mode 0600) instead of stdout")
    .option("-c, --config <file>", "config file (default: .nhiscan.yml in the first scanned folder)")
    .option(
      "--fail-on <spec>",
      "what fails the build (exit 1): finding | none | grade<X | severity>=LEVEL | check ids | suppression-added; comma-separated, quoted in a shell (default: finding)",
    )
    .addOption(gitModeOption("--history", "scan every blob of the git history (all refs and stashes), each distinct blob once"))
    .addOption(gitModeOption("--since <rev>", "scan only the blobs that commits in REV..HEAD introduced (CI on a pull request)"))
    .addOption(gitModeOption("--range <a..b>", "scan only the blobs that commits in A..B introduced"))
    .addOption(gitModeOption("--staged", "scan the staged changes; only secrets on added or changed lines count (pre-commit)"))
    .option(
      "--incremental",
      "with --history and a store: read only the commits added since the repository's last scan (full scan, with a warning, when its history was rewritten)",
    )
    .option("--show-secrets", "print raw secret values (never do this in CI logs)")
    .option("--baseline <file>", "suppress the credentials accepted in this baseline file (see `nhiscan baseline create`)")
    .option("--repos-file <file>", "scan every repository listed in FILE (one path per line), each tagged in the report")
    .option("--shard <i/n>", "with --repos-file: scan only shard I (0-based, e.g. $JOB_COMPLETION_INDEX) of N, as `nhiscan plan` assigns them", parseShard)
    .option("--trust-repo-config", "organisation scans: apply each repository's own .nhiscan.yml (ignored by default)")
    .option("--plugin <file>", "load a detector plugin (ES module); repeatable", (file: string, all: string[] = []) => [...all, file])
    .addOption(new Option("--min-confidence <level>", "drop findings below this confidence").choices([...CONFIDENCES]))
    .option("--max-file-size <bytes>", "skip files larger than this (e.g. 10485760, 10MiB, 512KB; default 10MiB)", parseSize)
    .option("-q, --quiet", "print nothing but the report")
    .option("--workers <n>", "detection threads (default: CPU cores; 0 = scan on the main thread)", parseCount)
    .addOption(new Option("--engine <name>", "match engine (default: NHISCAN_ENGINE, else vectorscan where built, else js)").choices(ENGINE_NAMES))
    .option("--no-color", "disable colours (NO_COLOR is honoured too)")
    .option("--store <file|url>", "record the scan in this inventory: an SQLite file (created with mode 0600) or postgres://… (default: NHISCAN_STORE)")
    .addHelpText(
      "after",
      `
Exit codes: 0 nothing fails the policy, 1 policy failure, 2 usage or config error, 3 runtime error.
Examples:
  nhiscan scan                       scan the current folder
  nhiscan scan src config --format json --output report.json
  nhiscan scan --fail-on "grade<C,plaintext-in-ci"
  nhiscan scan --baseline .nhiscan-baseline.json
  nhiscan scan --history             every secret ever committed, with the commit that introduced it
  nhiscan scan --since origin/main   only what this branch added
  nhiscan scan --staged              pre-commit: only the lines being committed
  nhiscan scan ../api ../web --format html --output sprawl.html
  nhiscan scan --store nhi.db        record the scan; then: nhiscan inventory list --store nhi.db`,
    )
    .action(async (paths: string[], flags: ScanFlags) => {
      // Loaded on use: `nhiscan --version` and `--help` stay fast.
      const [{ scan }, format] = await Promise.all([import("../../api/scan.js"), import("../../report/index.js").then((r) => r.loadFormatter(flags.format))]);
      const organisation = await organisationOf(paths, flags, io.cwd);
      if (organisation?.shard !== undefined && !flags.quiet) {
        io.stderr(`nhiscan: shard ${flags.shard?.index}/${flags.shard?.count}: ${organisation.shard.length} of ${organisation.all.length} repositories.\n`);
      }
      const progress = progressLine(io, flags.quiet !== true);
      const targets = scanTargets(paths, flags, io.cwd, organisation);
      const store = storeValueOf(io, flags.store);
      if (store !== undefined) {
        const { checkStore } = await import("../../api/store.js");
        await loadStoreModule(() => checkStore(store, io.cwd));
      }
      const history = await historyMemoryOf(flags, store, targets);
      const report = await scan({
        ...targets,
        ...(history === undefined ? {} : { historyMemory: history.memory }),
        ...(flags.failOn === undefined ? {} : { failOn: [flags.failOn] }),
        ...(flags.maxFileSize === undefined ? {} : { maxFileSize: flags.maxFileSize }),
        ...(flags.minConfidence === undefined ? {} : { minConfidence: flags.minConfidence }),
        showSecrets: flags.showSecrets === true,
        ...(flags.workers === undefined ? {} : { workers: flags.workers }),
        ...(flags.engine === undefined ? {} : { engine: flags.engine }),
        ...(flags.trustRepoConfig === true ? { trustRepoConfig: true } : {}),
        ...(flags.plugin === undefined ? {} : { plugins: flags.plugin }),
        ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
      }).finally(() => progress.clear());
      if (!flags.quiet) printScanNotices(io, report);
      const toFile = flags.output !== undefined;
      const color = !toFile && useColor(io, io.stdoutIsTTY, flags.color);
      writeOutput(io, format(report, { color, ...(toFile || io.columns === undefined ? {} : { columns: io.columns }) }), flags.output);
      if (!flags.quiet && (toFile || flags.format !== "table")) io.stderr(outcomeLine(report));
      if (store !== undefined) {
        // Loaded only here: plain scans never load a store driver.
        const [{ recordInStore }, { redactUrl }] = await Promise.all([import("../../api/store.js"), import("../../store/location.js")]);
        const recorded = await loadStoreModule(() => recordInStore(store, report, targets, history?.saved ?? []));
        if (!flags.quiet) {
          io.stderr(
            `nhiscan: recorded scan ${recorded.scanId} in ${redactUrl(store)}: ${recorded.added} new, ${recorded.remediated} remediated, ${recorded.reopened} reopened, ${recorded.open} open.\n`,
          );
        }
      }
      setExit(report.policy.failed ? EXIT.policyFailure : EXIT.ok);
    });
}

/**
 * History scans with a store leave each repository's state for the next one; `--incremental`
 * starts from the states the store holds. Without a store there is nowhere to keep them.
 */
async function historyMemoryOf(flags: ScanFlags, store: string | undefined, targets: ScanOptions) {
  if (flags.incremental === true && (flags.history !== true || store === undefined)) {
    throw new InputError("--incremental needs --history and a store (--store or NHISCAN_STORE)", {
      hint: "nhiscan scan --history --incremental --store nhi.db: the store remembers the last commit scanned per repository and ref.",
    });
  }
  if (flags.history !== true || store === undefined) return undefined;
  const { readHistoryMemory } = await import("../../api/store.js");
  const prior = flags.incremental === true ? await loadStoreModule(() => readHistoryMemory(store, targets)) : new Map<string, HistoryState>();
  const saved: HistoryState[] = [];
  const memory: HistoryMemoryOptions = {
    incremental: flags.incremental === true,
    prior: (repository) => prior.get(repository),
    save: (state) => saved.push(state),
  };
  return { memory, saved };
}

interface Organisation {
  /** Every repository of the repos file. */
  readonly all: readonly string[];
  /** The repositories of the selected shard, when --shard is given. */
  readonly shard?: readonly string[];
}

/** The repositories of `--repos-file`, and of its `--shard` when one is selected. */
async function organisationOf(paths: readonly string[], flags: ScanFlags, cwd: string): Promise<Organisation | undefined> {
  if (flags.shard !== undefined && flags.reposFile === undefined) {
    throw new InputError("--shard needs --repos-file: a shard is a part of the repositories file", { hint: "nhiscan scan --repos-file repos.txt --shard 0/4" });
  }
  if (flags.shard !== undefined && paths.length > 0) {
    throw new InputError("--shard scans a part of --repos-file and takes no paths", { hint: "List the paths in the repositories file instead." });
  }
  if (flags.reposFile === undefined) return undefined;
  const entries = readRepositoryEntries(cwd, flags.reposFile);
  const all = entries.map((e) => e.path);
  if (flags.shard === undefined) return { all };
  const { shardRepositories } = await import("../../api/shard-plan.js");
  return { all, shard: shardRepositories(entries, flags.shard.index, flags.shard.count).map((e) => e.path) };
}

/** Which targets, mode, config and baseline a scan covers: given to the scan, and to the store that records it. */
function scanTargets(paths: string[], flags: ScanFlags, cwd: string, organisation: Organisation | undefined) {
  return {
    paths,
    cwd,
    ...(flags.config === undefined ? {} : { config: flags.config }),
    ...(flags.baseline === undefined ? {} : { baseline: flags.baseline }),
    ...(organisation === undefined ? {} : { repositories: organisation.shard ?? organisation.all }),
    ...(organisation?.shard === undefined ? {} : { allRepositories: organisation.all }),
    ...(flags.history === true ? { history: true } : {}),
    ...(flags.since === undefined ? {} : { since: flags.since }),
    ...(flags.range === undefined ? {} : { range: flags.range }),
    ...(flags.staged === true ? { staged: true } : {}),
  };
}
