import type { FormatName } from "./format-names.js";
import type { Formatter } from "./formatter.js";
import { format as csv } from "./csv.js";
import { format as html } from "./html.js";
import { format as json } from "./json.js";
import { format as junit } from "./junit.js";
import { format as markdown } from "./markdown.js";
import { format as sarif } from "./sarif.js";
import { format as table } from "./table.js";

/** Every report format by name. Adding one is a line here and its name in format-names.ts. */
export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = { csv, html, json, junit, markdown, sarif, table };

export type { FormatName } from "./format-names.js";
export type { FormatOptions, Formatter } from "./formatter.js";
