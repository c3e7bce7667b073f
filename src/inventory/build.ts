import type { Finding } from "../model/finding.js";
import type { Credential, OwnerHint } from "../model/inventory.js";
import { CONFIDENCES, SEVERITIES } from "../model/rule.js";
import { environmentOf } from "./environment.js";

/** Groups findings by credential id: the same value anywhere is one credential. */
export function groupFindings(findings: readonly Finding[], ownersOf: (path: string) => OwnerHint[]): Credential[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = groups.get(finding.credentialId) ?? [];
    list.push(finding);
    groups.set(finding.credentialId, list);
  }
  return [...groups.values()].map((list) => toCredential(list, ownersOf));
}

function toCredential(list: Finding[], ownersOf: (path: string) => OwnerHint[]): Credential {
  const locations = [...list].sort((a, b) => (a.path === b.path ? a.line - b.line : a.path < b.path ? -1 : 1));
  // The most confident, then most severe, finding names the credential.
  const best = [...list].sort(
    (a, b) =>
      CONFIDENCES.indexOf(b.confidence) - CONFIDENCES.indexOf(a.confidence) ||
      SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity),
  )[0] as Finding;
  const environments = [...new Set(locations.map((l) => environmentOf(l.path)).filter((e) => e !== undefined))].sort();
  const owners = new Map<string, OwnerHint>();
  for (const path of new Set(locations.map((l) => l.path))) {
    for (const hint of ownersOf(path)) owners.set(`${hint.source}\u0000${hint.value}`, hint);
  }
  return {
    credentialId: best.credentialId,
    kind: best.kind,
    provider: best.provider,
    ruleIds: [...new Set([best.ruleId, ...locations.map((l) => l.ruleId)])],
    severity: best.severity,
    confidence: best.confidence,
    nonExpiring: list.some((f) => f.nonExpiring),
    preview: best.preview,
    ...(best.secret === undefined ? {} : { secret: best.secret }),
    locations,
    environments,
    ownerHints: [...owners.values()],
    inHead: list.some((f) => f.provenance.kind !== "git" || f.provenance.inHead === true),
  };
}
