import { realpathSync } from "node:fs";
import type { ScanSettings } from "../scan/scan.js";
import { secretFingerprint, shortHash } from "../util/hash.js";
import { toolVersion } from "./version.js";

/** The key a repository's history state is kept under: the real path of the scanned root, as store targets name it. */
export function repositoryKey(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return root;
  }
}

/**
 * Hash of everything that decides which findings a blob yields: the tool version, the rules and
 * plugins, the config's filters, and the credential-id key (as an HMAC, never the key itself).
 * Findings kept from an earlier scan are reused only under the same fingerprint.
 */
export function historyFingerprint(settings: ScanSettings): string {
  const { config } = settings;
  return shortHash(
    JSON.stringify({
      tool: toolVersion(),
      rules: settings.rules.map((r) => r.hash).sort(),
      plugins: (settings.plugins ?? []).map((p) => p.hash).sort(),
      exclude: config.exclude,
      allowlist: config.allowlist,
      maxFileSize: config.maxFileSize,
      minConfidence: config.minConfidence,
      key: settings.fingerprintKey === undefined ? "" : secretFingerprint("nhiscan history state", settings.fingerprintKey),
    }),
  );
}
