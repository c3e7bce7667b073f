import type { ScanProgress } from "../api/scan.js";
import type { CliIo } from "./io.js";

/** A one-line progress display on stderr, redrawn in place. */
export interface ProgressLine {
  /** The callback to hand to `scan()`; undefined when progress is not shown. */
  readonly onProgress: ((progress: ScanProgress) => void) | undefined;
  /** Erases the line (before the report is printed). */
  clear(): void;
}

const REDRAW_MS = 100;
const MB = 1024 * 1024;

/** Progress on stderr, only when it is a terminal and the user did not ask for quiet. */
export function progressLine(io: CliIo, enabled: boolean, now: () => number = Date.now): ProgressLine {
  if (!enabled || !io.stderrIsTTY) return { onProgress: undefined, clear: () => undefined };
  const started = now();
  let last = 0;
  let shown = false;
  return {
    onProgress(progress) {
      const t = now();
      if (t - last < REDRAW_MS) return;
      last = t;
      shown = true;
      io.stderr(`\r${describeProgress(progress, (t - started) / 1000)}\u001b[K`);
    },
    clear() {
      if (shown) io.stderr("\r\u001b[K");
      shown = false;
    },
  };
}

/** `scanning 1,200/5,000 blobs, 12.0/48.5 MB, 8.1 MB/s, ETA 5s`: totals and ETA when known. */
export function describeProgress(progress: ScanProgress, seconds: number): string {
  const count = (n: number) => n.toLocaleString("en-US");
  const unit = progress.totalFiles === undefined ? "files" : "blobs";
  const files = progress.totalFiles === undefined ? count(progress.files) : `${count(progress.files)}/${count(progress.totalFiles)}`;
  const mb = (progress.bytes / MB).toFixed(1);
  const bytes = progress.totalBytes === undefined ? `${mb} MB` : `${mb}/${(progress.totalBytes / MB).toFixed(1)} MB`;
  const rate = seconds > 0 ? progress.bytes / MB / seconds : 0;
  const parts = [`scanning ${files} ${unit}`, bytes, `${rate.toFixed(1)} MB/s`];
  if (progress.totalsFinal === true && progress.totalBytes !== undefined && rate > 0) {
    parts.push(`ETA ${Math.max(0, Math.round((progress.totalBytes - progress.bytes) / MB / rate))}s`);
  }
  return parts.join(", ");
}
