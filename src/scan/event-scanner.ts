import type { ResolvedConfig } from "../model/config.js";
import type { EngineName } from "../model/engine.js";
import type { Candidate, Finding } from "../model/finding.js";
import type { Fragment, SourceEvent } from "../model/fragment.js";
import type { CompiledRule } from "../model/rule.js";
import { CONFIDENCES } from "../model/rule.js";
import { DETECTORS, createDetectContext, runDetector } from "../detectors/index.js";
import type { Plugin } from "../detectors/plugin-load.js";
import { preferPluginCandidates, runPluginDetector } from "../detectors/plugin-run.js";
import { readBlobEvent } from "../sources/read-blob.js";
import { readFileEvent } from "../sources/read-file.js";
import { secretFingerprint, shortHash } from "../util/hash.js";
import { LineIndex, shannonEntropy } from "../util/text.js";
import { compileAllowlist } from "./allowlist.js";
import { falsePositiveReason } from "./false-positive.js";
import { createLineDedupe, recordStats } from "./line-dedupe.js";
import { redact } from "./redact.js";
import type { ScanSuppression, ScanTally } from "./tally.js";
import { isGeneric, valueDropReason } from "./value-drop.js";
import { isWeakValue } from "../values/verdict.js";

/** What detection and filtering need; plain data so that worker threads can rebuild it. */
export interface ScanSettings {
  readonly rules: readonly CompiledRule[];
  readonly config: ResolvedConfig;
  readonly showSecrets: boolean;
  /** HMAC key for credential ids (NHISCAN_FINGERPRINT_KEY). */
  readonly fingerprintKey: string | undefined;
  /** Operator-loaded detector plugins; a worker thread imports them again from their files. */
  readonly plugins?: readonly Plugin[];
  /** The match engine of the keyword pass; default `engineName()` (NHISCAN_ENGINE, else Vectorscan where built). */
  readonly engine?: EngineName;
}

/** Scans one source event into a tally: reads files, detects, filters, fingerprints. */
export type EventScanner = (event: SourceEvent, tally: ScanTally) => void;

const INLINE_ALLOW = "nhiscan:allow";

/** Builds the per-thread scanner once: prefilter, allowlist and thresholds are compiled here. */
export function createEventScanner(settings: ScanSettings): EventScanner {
  const plugins = (settings.plugins ?? []).flatMap((plugin) => plugin.detectors.map((detector) => ({ plugin, detector })));
  const context = createDetectContext(
    settings.rules,
    plugins.flatMap((p) => p.detector.triggers),
    settings.engine,
  );
  const allowlist = compileAllowlist(settings.config.allowlist);
  const minConfidence = CONFIDENCES.indexOf(settings.config.minConfidence);
  const dropReason = (candidate: Candidate, fragment: Fragment, lines: LineIndex): string | undefined => {
    if (CONFIDENCES.indexOf(candidate.confidence) < minConfidence) return "min-confidence";
    const valueReason = valueDropReason(candidate);
    if (valueReason !== undefined) return valueReason;
    const guard = falsePositiveReason(candidate, fragment, lines);
    if (guard !== undefined) return `false-positive:${guard}`;
    return allowlist.reason(candidate, fragment.path) ?? (hasInlineAllow(fragment.text, lines, candidate) ? "inline-allow" : undefined);
  };
  const detectAll = (fragment: Fragment): Candidate[] => {
    const candidates: Candidate[] = [];
    for (const detector of Object.values(DETECTORS)) candidates.push(...runDetector(detector, fragment, context));
    return candidates;
  };
  // Git history repeats most lines from version to version: each is scanned once (NHISCAN_LINE_DEDUPE=0: every line).
  const dedupe = process.env["NHISCAN_LINE_DEDUPE"] === "0" ? undefined : createLineDedupe(context, detectAll);
  const statsFile = process.env["NHISCAN_DEDUPE_STATS"];
  if (dedupe !== undefined && statsFile !== undefined && statsFile !== "") dedupe.onProgress = recordStats(statsFile, dedupe);
  const scanFragment = (fragment: Fragment, tally: ScanTally) => {
    const builtin = dedupe !== undefined && fragment.provenance.kind === "git" ? dedupe.detect(fragment) : detectAll(fragment);
    // Plugins are operator code of unknown reach: they always read the whole fragment.
    const fromPlugins: Candidate[] = [];
    for (const { plugin, detector } of plugins) {
      const run = runPluginDetector(plugin, detector, fragment, context);
      fromPlugins.push(...run.candidates);
      if (run.problem !== undefined) tally.warnings.push({ path: fragment.path, reason: "plugin-error", detail: run.problem });
    }
    const candidates = preferPluginCandidates(builtin, fromPlugins);
    if (candidates.length === 0) return;
    const lines = new LineIndex(fragment.text);
    // Filter first, then dedupe: a dropped candidate must not hide an overlapping real one.
    const kept: Candidate[] = [];
    const dropped: { candidate: Candidate; reason: string }[] = [];
    for (const candidate of candidates) {
      const reason = dropReason(candidate, fragment, lines);
      if (reason === undefined) kept.push(candidate);
      else dropped.push({ candidate, reason });
    }
    const findings = dedupeSpans(kept);
    for (const candidate of findings) {
      tally.findings.push(toFinding(candidate, fragment, lines, settings));
      // A weak value (`password`, `changeme`) is a word that ordinary repository text holds too
      // (`plain-passwords/`): redacting it there would mangle paths and names, and hides nothing.
      if (!isWeakValue(candidate.secret)) tally.secretValues.push(candidate.secret);
    }
    // Count each suppressed span once, and not where a finding stands anyway.
    const reasons = new Map(dropped.map((d) => [d.candidate, d.reason]));
    for (const candidate of dedupeSpans(dropped.map((d) => d.candidate))) {
      if (findings.some((f) => f.start < candidate.end && candidate.start < f.end)) continue;
      const reason = reasons.get(candidate) ?? "filtered";
      tally.suppressed[reason] = (tally.suppressed[reason] ?? 0) + 1;
      tally.suppressions.push(toSuppression(candidate, reason, fragment, lines, settings));
    }
  };
  return (input, tally) => {
    const event = input.type === "file" ? readFileEvent(input.absPath, input.path, input.maxFileSize) : input.type === "blob" ? readBlobEvent(input) : input;
    if (event.type === "skip") {
      tally.skipped[event.reason]++;
      tally.warnings.push({ path: event.path, reason: event.reason, ...(event.detail === undefined ? {} : { detail: event.detail }) });
    } else if (event.type === "fragment") {
      tally.files++;
      tally.bytes += event.bytes;
      if (event.lossy === true) tally.warnings.push({ path: event.fragment.path, reason: "invalid-utf8", detail: "scanned as latin1" });
      scanFragment(event.fragment, tally);
    }
  };
}

/** The listed form of a dropped candidate: where, which rule, the value's hash, and whose decision it was. */
function toSuppression(candidate: Candidate, reason: string, fragment: Fragment, lines: LineIndex, settings: ScanSettings): ScanSuppression {
  const { line } = lines.locate(candidate.start);
  const base = {
    path: fragment.path,
    line,
    ruleId: candidate.ruleId,
    credentialId: secretFingerprint(candidate.secret, settings.fingerprintKey),
    reason,
    source: suppressionSource(reason, settings.config),
  };
  if (reason !== "inline-allow") return base;
  // Which line holds the comment: a pull-request scan compares it with the base revision's lines.
  const last = lines.locate(Math.max(candidate.start, candidate.end - 1)).line;
  const holder = [line, last].find((n) => lineText(fragment.text, lines, n).includes(INLINE_ALLOW)) ?? line;
  return { ...base, lineHash: inlineLineHash(lineText(fragment.text, lines, holder)) };
}

function lineText(text: string, lines: LineIndex, line: number): string {
  const { start, end } = lines.lineBounds(text, line);
  return text.slice(start, end);
}

/** Hash of a line's text without surrounding blanks: the same comment re-indented is the same line. */
export function inlineLineHash(line: string): string {
  return shortHash(line.trim());
}

function suppressionSource(reason: string, config: ResolvedConfig): string {
  if (reason.startsWith("allowlist.")) return `${config.label ?? config.file ?? "config"}: ${reason}`;
  if (reason === "inline-allow") return `inline ${INLINE_ALLOW} comment`;
  if (reason === "placeholder") return "placeholder guard";
  if (reason === "well-known-public") return "well-known public value (src/values/well-known-public.ts)";
  if (reason.startsWith("value:")) return `value model (src/values/verdict.ts): ${reason.slice("value:".length)}`;
  if (reason.startsWith("false-positive:")) return `false-positive guard (${reason.slice("false-positive:".length)})`;
  if (reason === "min-confidence") return `minConfidence ${config.minConfidence} (config or --min-confidence)`;
  return reason;
}

function hasInlineAllow(text: string, lines: LineIndex, candidate: Candidate): boolean {
  const first = lines.locate(candidate.start).line;
  const last = lines.locate(Math.max(candidate.start, candidate.end - 1)).line;
  return text.slice(lines.lineBounds(text, first).start, lines.lineBounds(text, last).end).includes(INLINE_ALLOW);
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
    confidence: candidate.confidence,
    nonExpiring: candidate.nonExpiring,
    // A guessable value under a credential name (a word, a default, short): the weak-credential check.
    ...(isGeneric(candidate) && isWeakValue(candidate.secret) ? { weak: true } : {}),
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
