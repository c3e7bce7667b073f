import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { run } from "../../src/cli/run.js";

/** Result of an in-process CLI run. */
export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured streams. */
export async function runCli(argv: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const exitCode = await run(argv, {
    cwd: options.cwd ?? process.cwd(),
    env: { ...options.env },
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    stdoutIsTTY: false,
    stderrIsTTY: false,
  });
  return { exitCode, stdout, stderr };
}

/** A fresh temporary folder. */
export function tempDir(prefix = "nhiscan-test-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}
