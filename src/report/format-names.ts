/** Names of the report formats; kept apart from the formatters so the CLI can list them without loading them. */
export const FORMAT_NAMES = ["table", "json", "sarif", "csv", "junit", "markdown", "html"] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];
