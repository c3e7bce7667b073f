import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "./cli.js";

/** Writes a folder of files from a path → content map and returns its path. */
export function writeTree(files: Record<string, string | Buffer>, root = tempDir()): string {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}
