import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { SourceEvent } from "../model/fragment.js";
import { joinPath, packageRoot } from "../util/path.js";
import type { ScanTally } from "./tally.js";
import type { WorkerInit, WorkerReply } from "./worker-protocol.js";

/** A fixed set of detection workers with bounded in-flight batches (bounded memory). */
export interface WorkerPool {
  /** Resolves when the batch is scanned; waits first while every worker is saturated. */
  submit(events: readonly SourceEvent[]): Promise<ScanTally>;
  /** Waits until a worker can take another batch. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const MAX_IN_FLIGHT_PER_WORKER = 2;

/** The compiled worker script: next to this file once built, or in dist/ when run from source. */
function workerUrl(): URL {
  const sibling = new URL("./worker.js", import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  return pathToFileURL(joinPath(packageRoot(), "dist", "scan", "worker.js"));
}

export function createWorkerPool(size: number, init: WorkerInit): WorkerPool {
  const url = workerUrl();
  const workers = Array.from({ length: size }, () => ({ worker: new Worker(url, { workerData: init }), inFlight: 0 }));
  const pending = new Map<number, { resolve: (t: ScanTally) => void; reject: (e: Error) => void; slot: (typeof workers)[number] }>();
  const waiters: (() => void)[] = [];
  let nextId = 0;
  const release = () => waiters.shift()?.();
  for (const slot of workers) {
    slot.worker.on("message", (reply: WorkerReply) => {
      const job = pending.get(reply.id);
      if (job === undefined) return;
      pending.delete(reply.id);
      slot.inFlight--;
      if ("error" in reply) job.reject(new Error(`detection worker failed: ${reply.error}`));
      else job.resolve(reply.tally);
      release();
    });
    slot.worker.on("error", (error) => {
      for (const [id, job] of pending) if (job.slot === slot) (pending.delete(id), job.reject(error));
    });
  }
  const leastBusy = () => workers.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
  const pool: WorkerPool = {
    async ready() {
      while (leastBusy().inFlight >= MAX_IN_FLIGHT_PER_WORKER) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    async submit(events) {
      await pool.ready();
      const slot = leastBusy();
      const id = nextId++;
      slot.inFlight++;
      return new Promise<ScanTally>((resolve, reject) => {
        pending.set(id, { resolve, reject, slot });
        slot.worker.postMessage({ id, events });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
  return pool;
}
