/** Names of the report formats; kept apart from the formatters so the CLI can list them without loading them. */
export const FORMAT_NAMES = ["table", "json", "sarif", "csv", "junit", "markdown", "html"] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];

/** Formats of `inventory list`. */
export const INVENTORY_FORMATS = ["table", "json", "csv", "html"] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

/** Formats of `trend`. */
export const TREND_FORMATS = ["table", "json", "csv", "html"] as const;
export type TrendFormat = (typeof TREND_FORMATS)[number];

/** Formats of `plan`. */
export const PLAN_FORMATS = ["json", "github-matrix", "k8s-job", "repos-file"] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];
