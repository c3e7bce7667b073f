import { parentPort, workerData } from "node:worker_threads";
import type { SourceEvent } from "../model/fragment.js";
import { loadPlugins } from "../detectors/plugin-load.js";
import { compileRule } from "../rules/compile.js";
import { createEventScanner } from "./event-scanner.js";
import { emptyTally } from "./tally.js";
import type { WorkerInit, WorkerReply, WorkerRequest } from "./worker-protocol.js";

// Detection worker: rebuilds the scanner from plain data once, then scans batches of events.
const init = workerData as WorkerInit & { readonly progress: Int32Array };
// Plugins are code: the main thread loaded and checked the same files before starting workers.
const plugins = init.pluginFiles === undefined || init.pluginFiles.length === 0 ? [] : await loadPlugins(init.pluginFiles);
const scanEvent = createEventScanner({
  rules: init.rules.map(({ spec, source }) => compileRule(spec, source)),
  config: init.config,
  showSecrets: init.showSecrets,
  fingerprintKey: init.fingerprintKey,
  plugins,
  ...(init.engine === undefined ? {} : { engine: init.engine }),
});

parentPort?.postMessage({ ready: true } satisfies WorkerReply);

parentPort?.on("message", (request: WorkerRequest) => {
  const tally = emptyTally();
  let reply: WorkerReply;
  try {
    const events = request.events as SourceEvent[];
    Atomics.store(init.progress, 0, request.id);
    for (let i = 0; i < events.length; i++) {
      // Published for the pool's watchdog, which replaces a worker stuck on one fragment.
      Atomics.store(init.progress, 1, i);
      const event = events[i];
      if (event !== undefined) scanEvent(event, tally);
    }
    Atomics.store(init.progress, 1, -1);
    reply = { id: request.id, tally };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(reply);
});
