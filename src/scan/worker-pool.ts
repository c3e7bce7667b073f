import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { SourceEvent } from "../model/fragment.js";
import { joinPath, packageRoot } from "../util/path.js";
import { mergeTally } from "./tally.js";
import type { ScanTally } from "./tally.js";
import { eventPath, timeoutTally } from "./watchdog.js";
import type { WorkerInit, WorkerReply } from "./worker-protocol.js";

/** A fixed set of detection workers with bounded in-flight batches (bounded memory). */
export interface WorkerPool {
  /** Resolves when the batch is scanned; waits first while every worker is saturated. */
  submit(events: readonly SourceEvent[]): Promise<ScanTally>;
  /** Waits until a worker can take another batch. */
  ready(): Promise<void>;
  /** Whether every worker is still starting (loading modules, compiling rules): the caller may as well scan itself meanwhile. */
  starting(): boolean;
  close(): Promise<void>;
}

interface Job {
  readonly id: number;
  readonly events: readonly SourceEvent[];
  readonly resolve: (tally: ScanTally) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Jobs sent to this worker, in the order it runs them. */
  jobs: Job[];
  /** Written by the worker: [job id, index of the event being scanned or -1]. */
  readonly progress: Int32Array;
  seen: string;
  since: number;
}

const MAX_IN_FLIGHT_PER_WORKER = 2;
const WATCHDOG_MS = 250;

/** The compiled worker script: next to this file once built, or in dist/ when run from source. */
function workerUrl(): URL {
  const sibling = new URL("./worker.js", import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  return pathToFileURL(joinPath(packageRoot(), "dist", "scan", "worker.js"));
}

/**
 * Starts `size` workers. A watchdog enforces `fragmentBudgetMs` per event: a worker stuck on
 * one fragment (a pathological regex) is replaced, the fragment is reported as skipped with
 * reason `timeout`, and the rest of its batches are scanned by the replacement.
 */
export function createWorkerPool(size: number, init: WorkerInit, fragmentBudgetMs: number): WorkerPool {
  const url = workerUrl();
  const waiters: (() => void)[] = [];
  let nextId = 0;
  let started = false;
  const newWorker = (progress: Int32Array) => new Worker(url, { workerData: { ...init, progress } });
  const wire = (slot: Slot) => {
    const worker = slot.worker;
    worker.on("message", (reply: WorkerReply) => {
      if ("ready" in reply) {
        started = true;
        return;
      }
      const job = slot.jobs.find((j) => j.id === reply.id);
      if (job === undefined) return;
      slot.jobs = slot.jobs.filter((j) => j !== job);
      if ("error" in reply) job.reject(new Error(`detection worker failed: ${reply.error}`));
      else job.resolve(reply.tally);
      waiters.shift()?.();
    });
    worker.on("error", (error) => {
      for (const job of slot.jobs) job.reject(error);
      slot.jobs = [];
    });
  };
  const slots: Slot[] = Array.from({ length: size }, () => {
    const progress = new Int32Array(new SharedArrayBuffer(8));
    const slot: Slot = { worker: newWorker(progress), jobs: [], progress, seen: "", since: Date.now() };
    wire(slot);
    return slot;
  });
  const send = (slot: Slot, job: Job) => {
    slot.jobs.push(job);
    slot.worker.postMessage({ id: job.id, events: job.events });
  };
  const restart = (slot: Slot) => {
    const [jobId, index] = [Atomics.load(slot.progress, 0), Atomics.load(slot.progress, 1)];
    const jobs = slot.jobs;
    slot.jobs = [];
    void slot.worker.terminate();
    Atomics.store(slot.progress, 1, -1);
    slot.worker = newWorker(slot.progress);
    wire(slot);
    for (const job of jobs) {
      const stuck = job.id === jobId ? job.events[index] : undefined;
      if (stuck === undefined) {
        send(slot, job);
        continue;
      }
      // Rescan the rest of the batch; the stuck fragment is skipped and counted.
      const skip = timeoutTally(eventPath(stuck), fragmentBudgetMs);
      const rest = job.events.filter((e) => e !== stuck);
      send(slot, {
        ...job,
        id: nextId++,
        events: rest,
        resolve: (tally) => {
          mergeTally(tally, skip);
          job.resolve(tally);
        },
      });
    }
  };
  const watchdog = setInterval(() => {
    const now = Date.now();
    for (const slot of slots) {
      const mark = `${Atomics.load(slot.progress, 0)}:${Atomics.load(slot.progress, 1)}`;
      if (slot.jobs.length === 0 || mark !== slot.seen || mark.endsWith(":-1")) {
        slot.seen = mark;
        slot.since = now;
      } else if (now - slot.since > fragmentBudgetMs) {
        restart(slot);
      }
    }
  }, WATCHDOG_MS);
  watchdog.unref();
  const leastBusy = () => slots.reduce((a, b) => (b.jobs.length < a.jobs.length ? b : a));
  const pool: WorkerPool = {
    starting: () => !started,
    async ready() {
      while (leastBusy().jobs.length >= MAX_IN_FLIGHT_PER_WORKER) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    async submit(events) {
      await pool.ready();
      return new Promise<ScanTally>((resolve, reject) => send(leastBusy(), { id: nextId++, events, resolve, reject }));
    },
    async close() {
      clearInterval(watchdog);
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
  return pool;
}
