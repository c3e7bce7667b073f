import { existsSync, writeFileSync } from "node:fs";
import { Command } from "commander";
import { NhiscanError } from "../../model/errors.js";
import { joinPath } from "../../util/path.js";
import { EXIT } from "../exit-codes.js";
import type { ExitCode } from "../exit-codes.js";
import type { CliIo } from "../io.js";

export const DEFAULT_CONFIG = `# nhiscan configuration. Every key is optional; the values shown are the defaults.
version: 1

rules:
  # Extra folders of *.yaml rule files (check them with \`nhiscan rules check DIR\`).
  paths: []
  # Builtin rule ids to turn off (see \`nhiscan rules list\`).
  disable: []

# Globs of paths never to scan, relative to the scanned folder (.gitignore and .nhiscanignore apply too).
exclude: []

allowlist:
  # Globs of paths whose findings are ignored (e.g. "test/fixtures/**").
  paths: []
  # Exact values that are known not to be secrets.
  values: []
  # Regular expressions tested against each secret value.
  regexes: []
  # Case-insensitive words that mark a value as a non-secret.
  stopwords: []

policy:
  # Committed-value age (days) after which rotation-age fails.
  maxAgeDays: 90
  # An author who committed within this many days counts as an active owner.
  activeAuthorDays: 180
  # Certificates expiring within this many days fail certificate-validity.
  certWarnDays: 30
  # What fails the build: finding | none | "grade<C" | "severity>=high" | check ids.
  failOn: [finding]

# Fallback owners where no CODEOWNERS entry matches: glob -> team.
owners: {}
#   "services/payments/**": "@acme/payments"

# Files larger than this many bytes are skipped (and counted).
maxFileSize: 10485760

# Drop findings below this confidence: low | medium | high.
minConfidence: low
`;

/** `nhiscan init`: writes a commented default `.nhiscan.yml`. */
export function initCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  return new Command("init")
    .description("Write a commented default .nhiscan.yml in the current folder")
    .option("--force", "overwrite an existing .nhiscan.yml")
    .action((flags: { force?: boolean }) => {
      const file = joinPath(io.cwd, ".nhiscan.yml");
      if (existsSync(file) && flags.force !== true) {
        throw new NhiscanError("init-exists", ".nhiscan.yml already exists", { hint: "Use --force to overwrite it." });
      }
      writeFileSync(file, DEFAULT_CONFIG);
      io.stdout("Wrote .nhiscan.yml\n");
      setExit(EXIT.ok);
    });
}
