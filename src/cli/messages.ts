/** Extra guidance printed under known errors, by error code. */
export const HINTS: Readonly<Record<string, string>> = {
  "config-invalid": "Run `nhiscan init` in an empty folder to see every key with its default.",
  "rule-invalid": "Run `nhiscan rules check DIR` to check every rule and its examples.",
  "input-invalid": "Run `nhiscan scan --help` for usage.",
  "git-failed": "Check that the repository is intact (`git fsck`).",
};

export const REPORT_BUG = "This is a bug in nhiscan; please report it with the output of --debug.";
