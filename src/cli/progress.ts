import type { ScanProgress } from "../api/scan.js";
import type { CliIo } from "./io.js";

/** A one-line progress display on stderr, redrawn in place. */
export interface ProgressLine {
  /** The callback to hand to `scan()`; undefined when progress is not shown. */
  readonly onProgress: ((progress: ScanProgress) => void) | undefined;
  /** Erases the line (before the report is printed) and stops the clock. */
  clear(): void;
}

/** Calls `tick` every second until the returned function is called; the test passes its own. */
export type Ticker = (tick: () => void) => () => void;

const REDRAW_MS = 100;
const MB = 1024 * 1024;

const everySecond: Ticker = (tick) => {
  const timer = setInterval(tick, 1000);
  // A progress clock never keeps the process alive.
  timer.unref();
  return () => clearInterval(timer);
};

/**
 * Progress on stderr, only when it is a terminal and the user did not ask for quiet. It shows from
 * the first second: before the first blob is read (git lists objects and walks the log first) a
 * clock says what is happening, and it keeps ticking when detection is slow.
 */
export function progressLine(io: CliIo, enabled: boolean, now: () => number = Date.now, ticker: Ticker = everySecond): ProgressLine {
  if (!enabled || !io.stderrIsTTY) return { onProgress: undefined, clear: () => undefined };
  const started = now();
  let last = 0;
  let shown = false;
  let latest: ScanProgress | undefined;
  const draw = (t: number) => {
    last = t;
    shown = true;
    const seconds = (t - started) / 1000;
    const text = latest === undefined ? `starting: reading the targets, ${Math.round(seconds)}s` : describeProgress(latest, seconds);
    io.stderr(`\r${text}\u001b[K`);
  };
  const stop = ticker(() => draw(now()));
  return {
    onProgress(progress) {
      latest = progress;
      const t = now();
      if (t - last >= REDRAW_MS) draw(t);
    },
    clear() {
      stop();
      if (shown) io.stderr("\r\u001b[K");
      shown = false;
    },
  };
}

/**
 * `scanning 1,200/5,000 blobs, 12.0/48.5 MB, 8.1 MB/s, ETA 5s` once git has listed every blob; while
 * it is still listing, the count so far is not shown as a total (it would grow with the count and the
 * bar would always look nearly done).
 */
export function describeProgress(progress: ScanProgress, seconds: number): string {
  const count = (n: number) => n.toLocaleString("en-US");
  const listing = progress.totalFiles !== undefined && progress.totalsFinal !== true;
  const unit = progress.totalFiles === undefined ? "files" : "blobs";
  const files = progress.totalFiles === undefined || listing ? count(progress.files) : `${count(progress.files)}/${count(progress.totalFiles)}`;
  const mb = (progress.bytes / MB).toFixed(1);
  const bytes = progress.totalBytes === undefined || listing ? `${mb} MB` : `${mb}/${(progress.totalBytes / MB).toFixed(1)} MB`;
  const rate = seconds > 0 ? progress.bytes / MB / seconds : 0;
  const parts = [`scanning ${files} ${unit}`, bytes, `${rate.toFixed(1)} MB/s`];
  if (listing) parts.push(`git still listing (${count(progress.totalFiles ?? 0)} blobs so far)`);
  if (progress.totalsFinal === true && progress.totalBytes !== undefined && rate > 0) {
    parts.push(`ETA ${Math.max(0, Math.round((progress.totalBytes - progress.bytes) / MB / rate))}s`);
  }
  return parts.join(", ");
}
