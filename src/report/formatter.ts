import type { ScanReport } from "../model/report.js";

/** Options every formatter receives. */
export interface FormatOptions {
  /** Colours on (a TTY without NO_COLOR). */
  readonly color: boolean;
}

/** A report format: a pure function of the report. */
export type Formatter = (report: ScanReport, options: FormatOptions) => string;
