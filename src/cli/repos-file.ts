import { readFileSync } from "node:fs";
import { InputError } from "../model/errors.js";
import { resolvePath } from "../util/path.js";

/** Reads `--repos-file`: one repository path per line; blank lines and `#` comments are skipped. */
export function readReposFile(cwd: string, file: string): string[] {
  let text: string;
  try {
    text = readFileSync(resolvePath(cwd, file), "utf8");
  } catch (error) {
    throw new InputError(`${file}: cannot read the repositories file (${(error as NodeJS.ErrnoException).code ?? "error"})`, {
      hint: "Give a text file with one repository path per line.",
      cause: error,
    });
  }
  const paths = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  if (paths.length === 0) throw new InputError(`${file}: lists no repository paths`, { hint: "Write one repository path per line." });
  return paths;
}
