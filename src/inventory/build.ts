import type { Finding } from "../model/finding.js";
import type { Credential, OwnerHint } from "../model/inventory.js";
import { CONFIDENCES, SEVERITIES } from "../model/rule.js";
import type { LocationFacts } from "./locations.js";

/** Groups findings by credential id: the same value anywhere is one credential, with every location's owners and environments. */
export function groupFindings(findings: readonly Finding[], facts: LocationFacts): Credential[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = groups.get(finding.credentialId) ?? [];
    list.push(finding);
    groups.set(finding.credentialId, list);
  }
  return [...groups.values()].map((list) => toCredential(list, facts));
}

function toCredential(list: Finding[], facts: LocationFacts): Credential {
  // Ties (one path and line in several blobs of a history) break on the match id, so that the order
  // does not depend on the order detection met the blobs in (line dedupe meets them differently).
  const locations = [...list].sort((a, b) =>
    a.path !== b.path ? (a.path < b.path ? -1 : 1) : a.line - b.line || (a.matchId === b.matchId ? 0 : a.matchId < b.matchId ? -1 : 1),
  );
  // The most confident, then most severe, finding names the credential.
  const best = [...list].sort(
    (a, b) => CONFIDENCES.indexOf(b.confidence) - CONFIDENCES.indexOf(a.confidence) || SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity),
  )[0] as Finding;
  const environments = [...new Set(locations.flatMap((l) => facts.environmentsOf(l)))].sort();
  // One hint per source and value: the first location's evidence, the strongest confidence.
  const owners = new Map<string, OwnerHint>();
  for (const hint of locations.flatMap((l) => facts.ownersOf(l))) {
    const key = `${hint.source}\u0000${hint.value}`;
    const known = owners.get(key);
    if (known === undefined || CONFIDENCES.indexOf(hint.confidence) > CONFIDENCES.indexOf(known.confidence)) owners.set(key, hint);
  }
  return {
    credentialId: best.credentialId,
    kind: best.kind,
    provider: best.provider,
    ruleIds: [...new Set([best.ruleId, ...locations.map((l) => l.ruleId)])],
    severity: best.severity,
    confidence: best.confidence,
    nonExpiring: list.some((f) => f.nonExpiring),
    ...(list.some((f) => f.weak === true) ? { weak: true } : {}),
    preview: best.preview,
    ...(best.secret === undefined ? {} : { secret: best.secret }),
    locations,
    environments,
    ownerHints: [...owners.values()],
    inHead: list.some((f) => f.provenance.kind !== "git" || f.provenance.inHead === true),
  };
}
