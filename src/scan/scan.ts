import { availableParallelism } from "node:os";
import type { Source, SourceEvent } from "../model/fragment.js";
import { createEventScanner } from "./event-scanner.js";
import type { ScanSettings } from "./event-scanner.js";
import { emptyTally, mergeTally } from "./tally.js";
import type { ScanTally } from "./tally.js";
import { createWorkerPool } from "./worker-pool.js";
import type { WorkerPool } from "./worker-pool.js";

export type { ScanSettings } from "./event-scanner.js";
export type { ScanTally as ScanResult } from "./tally.js";

/** How the scan stage spreads work. */
export interface ScanRunOptions {
  /** Detection worker threads; 0 scans on the calling thread. Default: available cores. */
  readonly workers?: number;
  readonly signal?: AbortSignal;
  /** Longest a worker may spend on one fragment before it is skipped as `timeout`. Default 30 s. */
  readonly fragmentBudgetMs?: number;
  /** Called after each batch with the running totals. */
  readonly onProgress?: (progress: { files: number; bytes: number }) => void;
}

// Small scans (a pre-commit hook, one file) stay on this thread: a worker costs ~100 ms to start.
// Past this many events the workers are started, and this thread scans on until they are ready.
const INLINE_EVENTS = 32;
const BATCH_EVENTS = 64;
const BATCH_BYTES = 4 * 1024 * 1024;
const DEFAULT_FRAGMENT_BUDGET_MS = 30_000;

/** Runs every event of every source through detection and filters, on worker threads once the scan is big. */
export async function scanSources(sources: readonly Source[], settings: ScanSettings, options: ScanRunOptions = {}): Promise<ScanTally> {
  const total = emptyTally();
  const scanInline = createEventScanner(settings);
  const workerCount = options.workers ?? availableParallelism();
  let pool: WorkerPool | undefined;
  const jobs: Promise<void>[] = [];
  let failure: unknown;
  let batch: SourceEvent[] = [];
  let batchBytes = 0;
  let seen = 0;
  const startPool = () => (pool ??= createWorkerPool(workerCount, workerInit(settings), options.fragmentBudgetMs ?? DEFAULT_FRAGMENT_BUDGET_MS));
  const flush = async () => {
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    batchBytes = 0;
    const workers = startPool();
    if (workers.starting()) {
      for (const event of events) scanInline(event, total);
      // Lets the workers' "ready" messages in: they arrive as events of the loop.
      await new Promise((resolve) => setImmediate(resolve));
      return;
    }
    const job = workers.submit(events).then(
      (tally) => {
        mergeTally(total, tally);
        options.onProgress?.({ files: total.files, bytes: total.bytes });
      },
      (error: unknown) => {
        failure ??= error;
      },
    );
    jobs.push(job);
    await workers.ready();
  };
  try {
    for (const source of sources) {
      for await (const event of source.events(options.signal)) {
        if (workerCount === 0 || seen++ < INLINE_EVENTS) {
          scanInline(event, total);
          continue;
        }
        startPool();
        batch.push(event);
        batchBytes += event.type === "fragment" ? event.fragment.text.length : 0;
        if (batch.length >= BATCH_EVENTS || batchBytes >= BATCH_BYTES) await flush();
        if (failure !== undefined) throw failure;
      }
    }
    await flush();
    await Promise.all(jobs);
    if (failure !== undefined) throw failure;
  } finally {
    await pool?.close();
  }
  return total;
}

function workerInit(settings: ScanSettings) {
  return {
    rules: settings.rules.map((r) => ({ spec: r.spec, source: r.source })),
    config: settings.config,
    showSecrets: settings.showSecrets,
    fingerprintKey: settings.fingerprintKey,
  };
}
