import type { ScanReport, Suppression } from "../model/report.js";
import { shortHash } from "../util/hash.js";

/**
 * Every listed suppression as a SARIF result marked suppressed: `inSource` for an inline
 * `nhiscan:allow` comment (the suppression is in the scanned file), `external` for everything
 * else (config allowlist, baseline, guards). The justification names the source; the value
 * never enters it (the credential id is a hash).
 */
export function suppressedResults(report: ScanReport, ruleIndex: (ruleId: string) => number) {
  return (report.suppressions ?? []).map((s) => ({
    ruleId: s.ruleId,
    ruleIndex: ruleIndex(s.ruleId),
    level: "note" as const,
    message: { text: `Suppressed ${s.ruleId} value (credential ${s.credentialId}): ${s.reason}, by ${s.source}.` },
    locations: [{ physicalLocation: { artifactLocation: { uri: toUri(s.path) }, region: { startLine: s.line } } }],
    partialFingerprints: {
      "credentialId/v1": s.credentialId,
      primaryLocationLineHash: shortHash(`${s.repository ?? ""}\u0000${s.path}\u0000${s.line}\u0000${s.ruleId}`),
    },
    suppressions: [
      { kind: s.reason === "inline-allow" ? ("inSource" as const) : ("external" as const), status: "accepted" as const, justification: justification(s) },
    ],
    properties: { credentialId: s.credentialId, reason: s.reason, ...(s.repository === undefined ? {} : { repository: s.repository }) },
  }));
}

function justification(s: Suppression): string {
  return `${s.source}${s.addedInRange === true ? " (added by the range being scanned)" : ""}`;
}

function toUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
