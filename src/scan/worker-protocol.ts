import type { ResolvedConfig } from "../model/config.js";
import type { EngineName } from "../model/engine.js";
import type { SourceEvent } from "../model/fragment.js";
import type { RuleSpec } from "../model/rule.js";
import type { ScanTally } from "./tally.js";

/** Plain data a detection worker rebuilds its scanner from. */
export interface WorkerInit {
  readonly rules: readonly { readonly spec: RuleSpec; readonly source: string }[];
  readonly config: ResolvedConfig;
  readonly showSecrets: boolean;
  readonly fingerprintKey: string | undefined;
  /** Detector plugin files: the worker imports them itself (functions cannot be posted). */
  readonly pluginFiles?: readonly string[];
  /** The match engine, as the main thread resolved it. */
  readonly engine?: EngineName;
}

/** A batch of events to scan. */
export interface WorkerRequest {
  readonly id: number;
  readonly events: readonly SourceEvent[];
}

/** The tally of a batch, or the error that stopped it; `ready` once the worker has built its scanner. */
export type WorkerReply = { readonly id: number; readonly tally: ScanTally } | { readonly id: number; readonly error: string } | { readonly ready: true };
