import { Script, createContext } from "node:vm";
import type { SourceEvent } from "../model/fragment.js";
import type { EventScanner } from "./event-scanner.js";
import { emptyTally, mergeTally } from "./tally.js";
import type { ScanTally } from "./tally.js";

/** How long detection may take on one file before the file is skipped as `timeout`. */
export const DEFAULT_FRAGMENT_BUDGET_MS = 30_000;

/** The path an event names. */
export function eventPath(event: SourceEvent): string {
  return event.type === "fragment" ? event.fragment.path : event.path;
}

/** The one record of a file whose detection ran out of time, on a worker or on this thread. */
export function timeoutTally(path: string, budgetMs: number): ScanTally {
  const tally = emptyTally();
  tally.skipped.timeout++;
  tally.warnings.push({ path, reason: "timeout", detail: `detection took longer than ${budgetMs} ms` });
  return tally;
}

/**
 * Scans on the calling thread with a time budget per event. The scanner runs inside a
 * `node:vm` call with a timeout: V8 interrupts synchronous JavaScript when the time is up (a
 * plugin's endless loop, a runaway regex), which a worker's watchdog cannot do for the main
 * thread. The interrupted scanner may hold half-updated state, so it is rebuilt; the event's
 * partial results are dropped and it is counted as `timeout`. Costs ~70 µs per event (V8 starts
 * a watchdog thread per call), which is why worker threads keep the pool's watchdog instead.
 */
export function budgetedScanner(create: () => EventScanner, budgetMs: number): EventScanner {
  const context = createContext({ run: () => undefined });
  const call = new Script("run()", { filename: "nhiscan-watchdog" });
  let scanner: EventScanner | undefined;
  return (event, tally) => {
    const scan = (scanner ??= create());
    const part = emptyTally();
    context["run"] = () => scan(event, part);
    try {
      call.runInContext(context, { timeout: budgetMs });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ERR_SCRIPT_EXECUTION_TIMEOUT") throw error;
      scanner = undefined;
      mergeTally(tally, timeoutTally(eventPath(event), budgetMs));
      return;
    } finally {
      context["run"] = () => undefined;
    }
    mergeTally(tally, part);
  };
}
