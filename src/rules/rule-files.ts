import { existsSync, readdirSync } from "node:fs";
import { joinPath } from "../util/path.js";

/** Sub-folder of a rule folder that holds provider catalogue files. */
export const CATALOGUE_DIR = "catalogue";

/** The files a rule folder contributes: its `*.yaml`/`*.yml` rule files, then those of its `catalogue/` sub-folder. */
export interface RuleFiles {
  readonly rules: readonly string[];
  readonly catalogue: readonly string[];
}

/** Lists a rule folder's files, sorted by name; a missing folder throws (ENOENT), a missing catalogue is empty. */
export function ruleFilesOf(dir: string): RuleFiles {
  const catalogue = joinPath(dir, CATALOGUE_DIR);
  return {
    rules: yamlNames(dir).map((name) => joinPath(dir, name)),
    catalogue: existsSync(catalogue) ? yamlNames(catalogue).map((name) => joinPath(catalogue, name)) : [],
  };
}

function yamlNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort();
}
