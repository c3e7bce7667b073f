import { readFileSync } from "node:fs";
import { joinPath, packageRoot } from "../util/path.js";

let cached: string | undefined;

/** The package version, read once from package.json. */
export function toolVersion(): string {
  cached ??= (JSON.parse(readFileSync(joinPath(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
  return cached;
}
