import type { FormatName } from "./format-names.js";
import type { Formatter } from "./formatter.js";
import { terminalSafeJson, visibleDeep } from "./terminal-text.js";

// Each format is imported on use: the table alone pulls chalk and cli-table3 into start-up.
const LOADERS: Readonly<Record<FormatName, () => Promise<{ format: Formatter }>>> = {
  csv: () => import("./csv.js"),
  html: () => import("./html.js"),
  json: () => import("./json.js"),
  junit: () => import("./junit.js"),
  markdown: () => import("./markdown.js"),
  sarif: () => import("./sarif.js"),
  table: () => import("./table.js"),
};

/** The formatter of a report format. Adding one is a line here and its name in format-names.ts. */
export async function loadFormatter(name: FormatName): Promise<Formatter> {
  const format = (await LOADERS[name]()).format;
  // JSON keeps the scanned strings exact (escaped as JSON); every other format renders them
  // with control and bidi characters spelled out, so no report can drive the terminal.
  if (name === "json" || name === "sarif") return (report, options) => terminalSafeJson(format(report, options));
  return (report, options) => format(visibleDeep(report), options);
}

export type { FormatName } from "./format-names.js";
export type { FormatOptions, Formatter } from "./formatter.js";
