import { readFileSync } from "node:fs";
import { InputError } from "../model/errors.js";
import type { RepositoryEntry } from "../model/plan.js";
import { resolvePath } from "../util/path.js";
import { parseSize } from "./parse-size.js";

/**
 * Reads `--repos-file`: one repository per line (blank lines and `#` comments skipped), with an
 * optional size column: `PATH<TAB>SIZE` (bytes, or 120MiB, 5GB…).
 * Only a tab separates the column, so every file written before it (paths with spaces included)
 * reads as it did. Sizes balance `plan --shards`; a line without one is an unsized repository.
 */
export function readRepositoryEntries(cwd: string, file: string): RepositoryEntry[] {
  let text: string;
  try {
    text = readFileSync(resolvePath(cwd, file), "utf8");
  } catch (error) {
    throw new InputError(`${file}: cannot read the repositories file (${(error as NodeJS.ErrnoException).code ?? "error"})`, {
      hint: "Give a text file with one repository path per line.",
      cause: error,
    });
  }
  const entries = text.split(/\r?\n/).flatMap((raw, i) => {
    const line = raw.trim();
    return line === "" || line.startsWith("#") ? [] : [parseLine(line, `${file}:${i + 1}`)];
  });
  if (entries.length === 0) throw new InputError(`${file}: lists no repository paths`, { hint: "Write one repository path per line." });
  return entries;
}

function parseLine(line: string, where: string): RepositoryEntry {
  const tab = line.lastIndexOf("\t");
  if (tab < 0) return { path: line };
  const path = line.slice(0, tab).trim();
  const sizeText = line.slice(tab + 1).trim();
  if (path === "") throw new InputError(`${where}: a size column without a repository path`, { hint: "Write PATH<TAB>SIZE, e.g. repos/api<TAB>120MiB." });
  try {
    return { path, size: sizeText === "0" ? 0 : parseSize(sizeText) };
  } catch {
    throw new InputError(`${where}: "${sizeText}" is not a size`, { hint: "The column after the tab is the repository size: 5000000, 120MiB or 2GB." });
  }
}
