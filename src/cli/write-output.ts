import { writeFileSync } from "node:fs";
import { NhiscanError } from "../model/errors.js";
import { resolvePath } from "../util/path.js";
import type { CliIo } from "./io.js";

/** Writes a report to a file (mode 0600: it describes credentials) or to stdout. */
export function writeOutput(io: CliIo, text: string, file: string | undefined): void {
  if (file === undefined) {
    io.stdout(text);
    return;
  }
  const target = resolvePath(io.cwd, file);
  try {
    writeFileSync(target, text, { mode: 0o600 });
  } catch (error) {
    throw new NhiscanError("output-unwritable", `${file}: cannot write report (${(error as NodeJS.ErrnoException).code ?? "error"})`, {
      hint: "Check that the folder exists and is writable.",
      cause: error,
    });
  }
}
