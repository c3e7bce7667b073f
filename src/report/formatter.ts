import type { ScanReport } from "../model/report.js";

/** Options every formatter receives. */
export interface FormatOptions {
  /** Colours on (a TTY without NO_COLOR). */
  readonly color: boolean;
  /** Width of the terminal the report is printed on, when it is one: the table fits it. */
  readonly columns?: number;
}

/** A report format: a pure function of the report. */
export type Formatter = (report: ScanReport, options: FormatOptions) => string;
