import { parentPort, workerData } from "node:worker_threads";
import type { SourceEvent } from "../model/fragment.js";
import { compileRule } from "../rules/compile.js";
import { createEventScanner } from "./event-scanner.js";
import { emptyTally } from "./tally.js";
import type { WorkerInit, WorkerReply, WorkerRequest } from "./worker-protocol.js";

// Detection worker: rebuilds the scanner from plain data once, then scans batches of events.
const init = workerData as WorkerInit;
const scanEvent = createEventScanner({
  rules: init.rules.map(({ spec, source }) => compileRule(spec, source)),
  config: init.config,
  showSecrets: init.showSecrets,
  fingerprintKey: init.fingerprintKey,
});

parentPort?.on("message", (request: WorkerRequest) => {
  const tally = emptyTally();
  let reply: WorkerReply;
  try {
    for (const event of request.events as SourceEvent[]) scanEvent(event, tally);
    reply = { id: request.id, tally };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(reply);
});
