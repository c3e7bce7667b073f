import { run } from "./run.js";

/**
 * A stream whose reader went away (`nhiscan … | head -1`): further output is dropped and the
 * command finishes with its usual exit code, instead of dying on an unhandled EPIPE.
 */
function pipeWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

// The only place that touches process-wide state: streams in, exit code out.
const code = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: pipeWriter(process.stdout),
  stderr: pipeWriter(process.stderr),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  ...(process.stdout.isTTY === true && process.stdout.columns > 0 ? { columns: process.stdout.columns } : {}),
});
process.exitCode = code;
