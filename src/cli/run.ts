import { Command, CommanderError } from "commander";
import { toolVersion } from "../api/version.js";
import { engineSummary } from "../engine/engine.js";
import { NhiscanError } from "../model/errors.js";
import { visibleLines, visibleText } from "../report/terminal-text.js";
import { baselineCommand } from "./commands/baseline.js";
import { hookCommand } from "./commands/hook.js";
import { initCommand } from "./commands/init.js";
import { inventoryCommand } from "./commands/inventory.js";
import { mergeCommand } from "./commands/merge.js";
import { planCommand } from "./commands/plan.js";
import { reportCommand } from "./commands/report.js";
import { rulesCommand } from "./commands/rules.js";
import { scanCommand } from "./commands/scan.js";
import { storeCommand } from "./commands/store.js";
import { trendCommand } from "./commands/trend.js";
import { EXIT } from "./exit-codes.js";
import type { ExitCode } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { HINTS, REPORT_BUG } from "./messages.js";
import { storePasswordRedactor } from "./store-file.js";

/** Runs the CLI in-process and returns the exit code; never exits the process. */
export async function run(argv: readonly string[], given: CliIo): Promise<ExitCode> {
  // Belt and braces: a store password given on the command line or in NHISCAN_STORE is masked
  // in every message, whatever code path printed it.
  const redact = storePasswordRedactor([...argv, given.env["NHISCAN_STORE"] ?? ""]);
  const io: CliIo = { ...given, stderr: (text) => given.stderr(redact(text)) };
  let exitCode: ExitCode = EXIT.ok;
  const setExit = (code: ExitCode) => {
    exitCode = code;
  };
  const debug = argv.includes("--debug");
  const program = new Command("nhiscan")
    .description("NHI inventory and secret-sprawl scanner: finds credentials, groups them, grades their lifecycle (OWASP NHI Top 10)")
    // The engine line loads the native addon: only when the version is asked for.
    .version(argv.includes("-V") || argv.includes("--version") ? `${toolVersion()} (${engineSummary()})` : toolVersion(), "-V, --version")
    .option("--debug", "print stack traces of errors")
    .enablePositionalOptions(false)
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const commands = [
    scanCommand,
    rulesCommand,
    baselineCommand,
    mergeCommand,
    initCommand,
    hookCommand,
    inventoryCommand,
    trendCommand,
    reportCommand,
    storeCommand,
    planCommand,
  ].map((make) => make(io, setExit));
  for (const command of commands) {
    program.addCommand(command.option("--debug", "print stack traces of errors"));
  }
  applyRecursively(program, (c) => c.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }));
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return handleError(error, io, debug);
  }
}

function applyRecursively(command: Command, apply: (c: Command) => void): void {
  apply(command);
  for (const sub of command.commands) applyRecursively(sub, apply);
}

function handleError(error: unknown, io: CliIo, debug: boolean): ExitCode {
  if (error instanceof CommanderError) {
    // Help and version "errors" are successful exits; everything else commander rejects is usage.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof NhiscanError) {
    // Messages name files and git output from the scanned repository: printed made visible.
    io.stderr(`nhiscan: ${visibleText(error.message)}\n`);
    const hint = error.hint ?? HINTS[error.code];
    if (hint !== undefined) io.stderr(`  hint: ${visibleText(hint)}\n`);
    if (debug && error.stack !== undefined) io.stderr(`${visibleLines(error.stack)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`nhiscan: unexpected error: ${visibleText(message)}\n${REPORT_BUG}\n`);
  if (debug && error instanceof Error && error.stack !== undefined) io.stderr(`${visibleLines(error.stack)}\n`);
  return EXIT.runtime;
}
