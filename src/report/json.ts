import type { Formatter } from "./formatter.js";

/** The ScanReport as JSON: the library's output, versioned by `schemaVersion`. */
export const format: Formatter = (report) => `${JSON.stringify(report, null, 2)}\n`;
