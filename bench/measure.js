// Timing helpers for the benchmarks: wall and CPU time (user + sys, the primary figure on a shared
// machine) of a command, medians of runs, and peak RSS.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const GNU_TIME = "/usr/bin/time";

/** Runs a command once; returns wall seconds, CPU seconds and peak RSS in MiB (when GNU time exists) and status. */
export function runOnce(cmd, args, options = {}) {
  const useTime = existsSync(GNU_TIME);
  const start = process.hrtime.bigint();
  const result = useTime
    ? spawnSync(GNU_TIME, ["-f", "__RSS__%M __CPU__%U %S", cmd, ...args], { encoding: "utf8", maxBuffer: 1 << 30, ...options })
    : spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 30, ...options });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rss = useTime ? Number(/__RSS__(\d+)/.exec(result.stderr ?? "")?.[1] ?? NaN) / 1024 : NaN;
  const cpu = useTime ? /__CPU__([\d.]+) ([\d.]+)/.exec(result.stderr ?? "") : null;
  const cpuSeconds = cpu === null ? NaN : Number(cpu[1]) + Number(cpu[2]);
  return { seconds, cpuSeconds, rssMiB: rss, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Median wall and CPU time and max RSS of `runs` runs (after one warm-up run). */
export function measure(cmd, args, { runs = 5, warmup = 1, ...options } = {}) {
  for (let i = 0; i < warmup; i++) runOnce(cmd, args, options);
  const samples = Array.from({ length: runs }, () => runOnce(cmd, args, options));
  const times = samples.map((s) => s.seconds).sort((a, b) => a - b);
  const cpu = samples.map((s) => s.cpuSeconds).sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)],
    cpu: cpu[Math.floor(cpu.length / 2)],
    min: times[0],
    max: times[times.length - 1],
    rssMiB: Math.max(...samples.map((s) => s.rssMiB)),
    status: samples[0].status,
    last: samples[samples.length - 1],
  };
}

export const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");
