import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * A package loaded synchronously on first use. Start-up pays only for what a run needs: zod and
 * yaml alone cost ~100 ms to import, and a scan without a config file or custom rules needs neither.
 */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}

/** A value built on first use (a schema that needs a lazily loaded package). */
export function lazyValue<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}
