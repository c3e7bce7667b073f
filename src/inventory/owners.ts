import { globMatcher } from "../util/linear-match.js";
import type { OwnerHint } from "../model/inventory.js";

/** Owner lookup from the config's `owners:` map (glob → team); later globs win, as in CODEOWNERS. */
export function configOwners(owners: Readonly<Record<string, string>>, configFile: string | undefined): (path: string) => OwnerHint[] {
  const entries = Object.entries(owners).map(([glob, team]) => ({ match: globMatcher([glob]), team, glob }));
  return (path) => {
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i];
      if (entry?.match(path)) {
        return [{ source: "config", value: entry.team, confidence: "medium", evidence: `${configFile ?? "config"}: owners["${entry.glob}"]` }];
      }
    }
    return [];
  };
}
