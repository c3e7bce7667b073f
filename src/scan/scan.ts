import type { ResolvedConfig } from "../model/config.js";
import type { Candidate, Finding } from "../model/finding.js";
import type { Fragment, Source } from "../model/fragment.js";
import type { ScanWarning, SkipReason } from "../model/report.js";
import { SKIP_REASONS } from "../model/report.js";
import type { CompiledRule, Confidence } from "../model/rule.js";
import { CONFIDENCES } from "../model/rule.js";
import { DETECTORS, createDetectContext } from "../detectors/index.js";
import type { DetectContext } from "../detectors/index.js";
import { secretFingerprint, shortHash } from "../util/hash.js";
import { LineIndex, shannonEntropy } from "../util/text.js";
import { compileAllowlist } from "./allowlist.js";
import type { AllowlistMatcher } from "./allowlist.js";
import { placeholderReason } from "./placeholder.js";
import { redact } from "./redact.js";

/** Everything the scan stage needs besides its sources. */
export interface ScanSettings {
  readonly rules: readonly CompiledRule[];
  readonly config: ResolvedConfig;
  readonly showSecrets: boolean;
  /** HMAC key for credential ids (NHISCAN_FINGERPRINT_KEY). */
  readonly fingerprintKey: string | undefined;
  readonly signal?: AbortSignal;
}

/** Findings and counters of the scan stage. */
export interface ScanResult {
  readonly findings: Finding[];
  files: number;
  bytes: number;
  readonly skipped: Record<SkipReason, number>;
  readonly suppressed: Record<string, number>;
  readonly warnings: ScanWarning[];
}

const INLINE_ALLOW = "nhiscan:allow";

/** Runs every fragment of every source through the detectors and filters. */
export async function scanSources(sources: readonly Source[], settings: ScanSettings): Promise<ScanResult> {
  const context = createDetectContext(settings.rules);
  const allowlist = compileAllowlist(settings.config.allowlist);
  const result: ScanResult = {
    findings: [],
    files: 0,
    bytes: 0,
    skipped: Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>,
    suppressed: {},
    warnings: [],
  };
  for (const source of sources) {
    for await (const event of source.events(settings.signal)) {
      if (event.type === "skip") {
        result.skipped[event.reason]++;
        result.warnings.push({ path: event.path, reason: event.reason, ...(event.detail === undefined ? {} : { detail: event.detail }) });
        continue;
      }
      result.files++;
      result.bytes += event.bytes;
      if (event.lossy) result.warnings.push({ path: event.fragment.path, reason: "invalid-utf8", detail: "scanned as latin1" });
      result.findings.push(...scanFragment(event.fragment, context, allowlist, settings, result.suppressed));
    }
  }
  return result;
}

/** Detects, filters and fingerprints the candidates of one fragment. */
export function scanFragment(
  fragment: Fragment,
  context: DetectContext,
  allowlist: AllowlistMatcher,
  settings: ScanSettings,
  suppressed: Record<string, number>,
): Finding[] {
  const candidates: Candidate[] = [];
  for (const detector of Object.values(DETECTORS)) {
    if (detector.appliesTo(fragment)) candidates.push(...detector.detect(fragment, context));
  }
  if (candidates.length === 0) return [];
  const lines = new LineIndex(fragment.text);
  const minConfidence = CONFIDENCES.indexOf(settings.config.minConfidence);
  const kept: Finding[] = [];
  for (const candidate of dedupeSpans(candidates)) {
    const drop =
      CONFIDENCES.indexOf(candidate.confidence) < minConfidence
        ? "min-confidence"
        : (placeholderReason(candidate) && "placeholder") ??
          allowlist.reason(candidate, fragment.path) ??
          (hasInlineAllow(fragment.text, lines, candidate) ? "inline-allow" : undefined);
    if (drop !== undefined) {
      suppressed[drop] = (suppressed[drop] ?? 0) + 1;
      continue;
    }
    kept.push(toFinding(candidate, fragment, lines, settings));
  }
  return kept;
}

function hasInlineAllow(text: string, lines: LineIndex, candidate: Candidate): boolean {
  const first = lines.locate(candidate.start).line;
  const last = lines.locate(Math.max(candidate.start, candidate.end - 1)).line;
  const start = lines.lineBounds(text, first).start;
  const end = lines.lineBounds(text, last).end;
  return text.slice(start, end).includes(INLINE_ALLOW);
}

/** Where two candidates cover overlapping spans, keeps the more confident, then the longer. */
function dedupeSpans(candidates: Candidate[]): Candidate[] {
  const rank = (c: Candidate) => CONFIDENCES.indexOf(c.confidence) * 1e9 + (c.end - c.start);
  const sorted = [...candidates].sort((a, b) => rank(b) - rank(a));
  // Kept spans never overlap, so ordered by start they are ordered by end too: binary search.
  const kept: Candidate[] = [];
  for (const c of sorted) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((kept[mid]?.end ?? 0) <= c.start) lo = mid + 1;
      else hi = mid;
    }
    const next = kept[lo];
    if (next === undefined || next.start >= c.end) kept.splice(lo, 0, c);
  }
  return kept;
}

function toFinding(candidate: Candidate, fragment: Fragment, lines: LineIndex, settings: ScanSettings): Finding {
  const { line, column } = lines.locate(candidate.start);
  const credentialId = secretFingerprint(candidate.secret, settings.fingerprintKey);
  const where = fragment.provenance.kind === "git" ? fragment.provenance.blob : fragment.path;
  return {
    ruleId: candidate.ruleId,
    provider: candidate.provider,
    kind: candidate.kind,
    severity: candidate.severity,
    confidence: candidate.confidence as Confidence,
    nonExpiring: candidate.nonExpiring,
    credentialId,
    matchId: shortHash(`${candidate.ruleId}\u0000${where}\u0000${candidate.start}`),
    preview: redact(candidate.secret, credentialId),
    ...(settings.showSecrets ? { secret: candidate.secret } : {}),
    path: fragment.path,
    line,
    column,
    entropy: Math.round(shannonEntropy(candidate.secret) * 100) / 100,
    provenance: fragment.provenance,
    ...(candidate.parts === undefined ? {} : { parts: candidate.parts }),
  };
}
