import { readFileSync, statSync } from "node:fs";
import type { OwnerHint } from "../model/inventory.js";
import { joinPath } from "../util/path.js";
import { parseGithubCodeowners } from "./codeowners-github.js";
import { parseGitlabCodeowners } from "./codeowners-gitlab.js";
import type { CodeownersRules, CodeownersWarning } from "./codeowners-types.js";

export type { CodeownersEntry, CodeownersRules, CodeownersWarning } from "./codeowners-types.js";

/** Which host's rules a CODEOWNERS file follows. */
export type CodeownersFlavor = "github" | "gitlab";

/** The CODEOWNERS file of a repository, parsed once. */
export interface Codeowners extends CodeownersRules {
  /** Repository-relative path of the file used. */
  readonly file: string;
  readonly flavor: CodeownersFlavor;
}

/**
 * Where CODEOWNERS may live, in the order the first found is used. GitHub searches `.github/`,
 * the root, then `docs/`; GitLab the root, `docs/`, then `.gitlab/`. The two orders agree on the
 * locations they share, so one list serves both hosts.
 */
export const CODEOWNERS_LOCATIONS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"] as const;

/** GitHub does not load a CODEOWNERS file over 3 MB. */
const MAX_BYTES = 3 * 1024 * 1024;

/** A GitLab section header at the start of a line: `[Name]`, `^[Name]`, `[Name][2]`. */
const SECTION_HEADER = /^[ \t]*\^?\[[^\]\r\n]+\](?:\[\d*\])?(?:[ \t]|$)/m;

/** Parses CODEOWNERS text: GitLab rules when the file is under `.gitlab/` or has section headers, else GitHub's. */
export function parseCodeowners(text: string, file: string): Codeowners {
  const flavor: CodeownersFlavor = file.startsWith(".gitlab/") || SECTION_HEADER.test(text) ? "gitlab" : "github";
  const rules = flavor === "gitlab" ? parseGitlabCodeowners(text) : parseGithubCodeowners(text);
  return { file, flavor, warnings: rules.warnings, ownersOf: (path) => rules.ownersOf(path) };
}

/**
 * Finds and parses the CODEOWNERS file of the repository at `root` (the first of
 * CODEOWNERS_LOCATIONS that is a file). Files that are shadowed by it, or too large for
 * GitHub to load, come back as warnings.
 */
export function findCodeowners(root: string): { codeowners?: Codeowners; warnings: CodeownersWarningAt[] } {
  const present = CODEOWNERS_LOCATIONS.filter((rel) => isFile(joinPath(root, rel)));
  const [first, ...shadowed] = present;
  if (first === undefined) return { warnings: [] };
  const warnings: CodeownersWarningAt[] = shadowed.map((rel) => ({ file: rel, line: 0, message: `not used: ${first} is found first` }));
  const size = statSync(joinPath(root, first)).size;
  if (size > MAX_BYTES) {
    return { warnings: [...warnings, { file: first, line: 0, message: `${size} bytes: over GitHub's 3 MB limit, so not loaded` }] };
  }
  let text: string;
  try {
    text = readFileSync(joinPath(root, first), "utf8");
  } catch (error) {
    return { warnings: [...warnings, { file: first, line: 0, message: `unreadable (${(error as NodeJS.ErrnoException).code ?? "error"})` }] };
  }
  const codeowners = parseCodeowners(text, first);
  return { codeowners, warnings: [...warnings, ...codeowners.warnings.map((w) => ({ ...w, file: first }))] };
}

/** A warning about a CODEOWNERS file; line 0 means the file as a whole. */
export interface CodeownersWarningAt extends CodeownersWarning {
  readonly file: string;
}

/** Owner hints for a repository-relative path: one per owner of each deciding entry. */
export function codeownersHints(codeowners: Codeowners, path: string): OwnerHint[] {
  return codeowners.ownersOf(path).flatMap((entry) =>
    entry.owners.map((owner) => ({
      source: "codeowners" as const,
      value: owner,
      confidence: "high" as const,
      evidence: `${codeowners.file}:${entry.line}${entry.section === undefined ? "" : ` [${entry.section}]`} \`${entry.pattern}\``,
    })),
  );
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
