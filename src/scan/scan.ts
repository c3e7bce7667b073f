import { availableParallelism } from "node:os";
import type { Source, SourceEvent } from "../model/fragment.js";
import { createEventScanner } from "./event-scanner.js";
import type { ScanSettings } from "./event-scanner.js";
import { emptyTally, mergeTally } from "./tally.js";
import type { ScanTally } from "./tally.js";
import { DEFAULT_FRAGMENT_BUDGET_MS, budgetedScanner } from "./watchdog.js";
import { createWorkerPool } from "./worker-pool.js";
import type { WorkerPool } from "./worker-pool.js";

export type { ScanSettings } from "./event-scanner.js";
export type { ScanTally as ScanResult } from "./tally.js";

/** How the scan stage spreads work. */
export interface ScanRunOptions {
  /** Detection worker threads; 0 scans on the calling thread. Default: available cores. */
  readonly workers?: number;
  readonly signal?: AbortSignal;
  /** Longest detection may spend on one file (on a worker or this thread) before it is skipped as `timeout`. Default 30 s. */
  readonly fragmentBudgetMs?: number;
  /** Called after each batch with the running totals. */
  readonly onProgress?: (progress: { files: number; bytes: number }) => void;
}

// Small scans (a pre-commit hook, one file) stay on this thread: a worker costs ~250 ms of CPU to
// start. Past this many events the workers are started, and this thread scans until they are ready.
const INLINE_EVENTS = 32;
const BATCH_EVENTS = 64;
const BATCH_BYTES = 4 * 1024 * 1024;

/** Runs every event of every source through detection and filters, on worker threads once the scan is big. */
export async function scanSources(sources: readonly Source[], settings: ScanSettings, options: ScanRunOptions = {}): Promise<ScanTally> {
  const total = emptyTally();
  const budgetMs = options.fragmentBudgetMs ?? DEFAULT_FRAGMENT_BUDGET_MS;
  // Built on first use: when the scan is big, the workers are started before this thread spends
  // ~100 ms building its own scanner, so they load while it does. The same budget as the workers'.
  const scanInline = budgetedScanner(() => createEventScanner(settings), budgetMs);
  const workerCount = options.workers ?? availableParallelism();
  // This thread scans while the workers load only when a core is left over for it. With a worker
  // per core it would oversubscribe the cores the workers need, and pay one more scanner build
  // (~0.1 s) and JIT warm-up for a few hundred milliseconds of scanning.
  const scanWhileStarting = workerCount < availableParallelism();
  let pool: WorkerPool | undefined;
  const jobs: Promise<void>[] = [];
  let failure: unknown;
  let batch: SourceEvent[] = [];
  let batchBytes = 0;
  const arenas = new BlobArenas(BATCH_BYTES);
  const startPool = () => (pool ??= createWorkerPool(workerCount, workerInit(settings), budgetMs));
  const flush = async () => {
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    batchBytes = 0;
    const workers = startPool();
    if (scanWhileStarting && workers.starting()) {
      for (const event of events) scanInline(event, total);
      arenas.seal()();
      // Lets the workers' "ready" messages in: they arrive as events of the loop.
      await new Promise((resolve) => setImmediate(resolve));
      return;
    }
    const release = arenas.seal();
    const job = workers.submit(events).then(
      (tally) => {
        release();
        mergeTally(total, tally);
        options.onProgress?.({ files: total.files, bytes: total.bytes });
      },
      (error: unknown) => {
        release();
        failure ??= error;
      },
    );
    jobs.push(job);
    await workers.ready();
  };
  const enqueue = async (event: SourceEvent) => {
    if (event.type === "blob") {
      if (batchBytes + event.content.byteLength > BATCH_BYTES && batch.length > 0) await flush();
      const content = arenas.copy(event.content);
      batch.push({ ...event, content });
      batchBytes += content.byteLength;
    } else {
      batch.push(event);
      batchBytes += event.type === "fragment" ? event.fragment.text.length : 0;
    }
    if (batch.length >= BATCH_EVENTS || batchBytes >= BATCH_BYTES) await flush();
    if (failure !== undefined) throw failure;
  };
  // The first events are held, not scanned, until the scan proves big: then the workers start at
  // once (they take ~250 ms of CPU to load) and the held events go the same way as the rest.
  const held: SourceEvent[] = [];
  try {
    for (const source of sources) {
      for await (const event of source.events(options.signal)) {
        if (workerCount === 0) {
          scanInline(event, total);
        } else if (pool === undefined && held.length < INLINE_EVENTS) {
          // A blob's bytes may be the stream's buffer, reused once the next event is read.
          held.push(event.type === "blob" ? { ...event, content: event.content.slice() } : event);
        } else {
          if (pool === undefined) {
            startPool();
            for (const early of held.splice(0)) await enqueue(early);
          }
          await enqueue(event);
        }
      }
    }
    // A small scan (a pre-commit hook, one file) never starts a worker.
    for (const event of held.splice(0)) scanInline(event, total);
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
    pluginFiles: (settings.plugins ?? []).map((p) => p.file),
    ...(settings.engine === undefined ? {} : { engine: settings.engine }),
  };
}

/**
 * Shared memory for the bytes of git blobs on their way to a worker: each batch's blobs are copied
 * into one shared buffer as they arrive (the stream's chunk can then go), posted as a handle
 * rather than copied on both sides, and still there if the batch must be resent to a replacement
 * worker. Buffers are reused once their batch is scanned: allocating ~1 GB of them over a large
 * history made the collector run ~3x as long on this thread.
 */
class BlobArenas {
  private readonly free: Uint8Array[] = [];
  private readonly size: number;
  private current: Uint8Array | undefined;
  private used = 0;

  constructor(size: number) {
    this.size = size;
  }

  /** A copy of the bytes in shared memory, in the buffer of the batch being built. */
  copy(bytes: Uint8Array): Uint8Array {
    let view: Uint8Array;
    if (bytes.byteLength > this.size) {
      view = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
    } else {
      if (this.current === undefined || this.current.length - this.used < bytes.byteLength) {
        this.current = this.free.pop() ?? new Uint8Array(new SharedArrayBuffer(this.size));
        this.used = 0;
      }
      view = this.current.subarray(this.used, this.used + bytes.byteLength);
      this.used += bytes.byteLength;
    }
    view.set(bytes);
    return view;
  }

  /** Ends the batch being built; returns what to call, once, when it is scanned: that frees its buffer. */
  seal(): () => void {
    const sealed = this.current;
    this.current = undefined;
    return () => {
      if (sealed !== undefined) this.free.push(sealed);
    };
  }
}
