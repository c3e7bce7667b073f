import { describe, expect, test } from "vitest";
import { describeProgress, progressLine } from "../../src/cli/progress.js";
import type { CliIo } from "../../src/cli/io.js";

const MB = 1024 * 1024;

function fakeIo(stderrIsTTY: boolean): CliIo & { err: string[] } {
  const err: string[] = [];
  return { cwd: "/", env: {}, stdout: () => undefined, stderr: (t) => err.push(t), stdoutIsTTY: false, stderrIsTTY, err };
}

describe("progress", () => {
  test.each([
    [{ files: 3, bytes: 2 * MB }, 1, "scanning 3 files, 2.0 MB, 2.0 MB/s"],
    // While git is still listing, the count so far is not a total (it would grow with the count).
    [
      { files: 1200, bytes: 10 * MB, totalFiles: 5000, totalBytes: 50 * MB, totalsFinal: false },
      5,
      "scanning 1,200 blobs, 10.0 MB, 2.0 MB/s, git still listing (5,000 blobs so far)",
    ],
    [
      { files: 1200, bytes: 10 * MB, totalFiles: 5000, totalBytes: 50 * MB, totalsFinal: true },
      5,
      "scanning 1,200/5,000 blobs, 10.0/50.0 MB, 2.0 MB/s, ETA 20s",
    ],
  ])("%j after %ss", (progress, seconds, expected) => {
    expect(describeProgress(progress, seconds)).toBe(expected);
  });

  test("draws in place on a terminal, throttled, and clears", () => {
    const io = fakeIo(true);
    let now = 0;
    const line = progressLine(
      io,
      true,
      () => now,
      () => () => undefined,
    );
    now = 1000;
    line.onProgress?.({ files: 1, bytes: MB });
    now = 1050;
    line.onProgress?.({ files: 2, bytes: MB });
    line.clear();
    expect(io.err).toEqual(["\rscanning 1 files, 1.0 MB, 1.0 MB/s\u001b[K", "\r\u001b[K"]);
  });

  test("shows a clock from the first second, before any blob is read, and stops it on clear", () => {
    const io = fakeIo(true);
    let now = 0;
    let tick: (() => void) | undefined;
    let stopped = false;
    const line = progressLine(
      io,
      true,
      () => now,
      (t) => {
        tick = t;
        return () => {
          stopped = true;
        };
      },
    );
    now = 1000;
    tick?.();
    now = 2000;
    tick?.();
    now = 2500;
    line.onProgress?.({ files: 10, bytes: 2 * MB, totalFiles: 10, totalBytes: 2 * MB, totalsFinal: true });
    line.clear();
    expect(io.err).toEqual([
      "\rstarting: reading the targets, 1s\u001b[K",
      "\rstarting: reading the targets, 2s\u001b[K",
      "\rscanning 10/10 blobs, 2.0/2.0 MB, 0.8 MB/s, ETA 0s\u001b[K",
      "\r\u001b[K",
    ]);
    expect(stopped).toBe(true);
  });

  test.each([
    [false, true],
    [true, false],
  ])("silent when stderr is not a terminal (%s) or quiet (enabled=%s)", (isTTY, enabled) => {
    const io = fakeIo(isTTY);
    const line = progressLine(io, enabled);
    expect(line.onProgress).toBeUndefined();
    line.clear();
    expect(io.err).toEqual([]);
  });
});
