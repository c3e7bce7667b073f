import type { Formatter } from "./formatter.js";
import { format as json } from "./json.js";
import { format as table } from "./table.js";

/** Every report format by name. Adding one is one line here. */
export const FORMATTERS = { json, table } as const satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;

export type { FormatOptions, Formatter } from "./formatter.js";
