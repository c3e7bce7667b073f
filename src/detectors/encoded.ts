import type { Candidate } from "../model/finding.js";
import { matchRule } from "../rules/match.js";
import type { DetectContext, Detector } from "./detector.js";
import { providerRuleCovers } from "./rule-overlap.js";

/** A run that may be base64, base64url or hex; unbounded but linear (each run is consumed once). */
const ENCODED_RUN = /[A-Za-z0-9+/_-]{24,}={0,2}/g;
const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/g;
const URL_TOKEN_CHAR = /[^\s"'<>()[\]{}`,;|\\]/;
// Larger runs are images, fonts and source maps: decoding them costs more than it finds.
const MAX_RUN = 16_384;
const MIN_PRINTABLE = 0.95;

type Encoding = "base64" | "hex" | "url";

interface Encoded {
  readonly start: number;
  readonly end: number;
  readonly encoding: Encoding;
  readonly decoded: string;
  /** Offset in the text of each decoded character (URL encoding), so that a match maps back to its span. */
  readonly offsets?: readonly number[];
}

/** Decoded text when the bytes are (almost) all printable ASCII, else undefined. */
function printable(bytes: Buffer): string | undefined {
  if (bytes.length < 16) return undefined;
  let ok = 0;
  for (const b of bytes) if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09) ok++;
  return ok / bytes.length >= MIN_PRINTABLE ? bytes.toString("latin1") : undefined;
}

function* binaryToText(text: string): Generator<Encoded> {
  ENCODED_RUN.lastIndex = 0;
  for (let m = ENCODED_RUN.exec(text); m !== null; m = ENCODED_RUN.exec(text)) {
    const run = m[0];
    if (run.length > MAX_RUN) continue;
    const hex = run.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(run);
    const decoded = printable(Buffer.from(run, hex ? "hex" : "base64"));
    if (decoded !== undefined) yield { start: m.index, end: m.index + run.length, encoding: hex ? "hex" : "base64", decoded };
  }
}

/** Percent-encoded tokens: found from their escapes outwards, so that plain text costs one regex pass. */
function* urlEncoded(text: string): Generator<Encoded> {
  PERCENT_ESCAPE.lastIndex = 0;
  let covered = 0;
  for (let m = PERCENT_ESCAPE.exec(text); m !== null; m = PERCENT_ESCAPE.exec(text)) {
    if (m.index < covered) continue;
    let start = m.index;
    let end = m.index;
    while (start > 0 && start > m.index - MAX_RUN && URL_TOKEN_CHAR.test(text[start - 1] ?? "")) start--;
    while (end < text.length && end < m.index + MAX_RUN && URL_TOKEN_CHAR.test(text[end] ?? "")) end++;
    covered = end;
    if (end - start >= 24) yield { start, end, encoding: "url", ...percentDecode(text, start, end) };
  }
}

/** Decodes `%XX` escapes byte by byte (secrets are ASCII), keeping where each character came from. */
function percentDecode(text: string, start: number, end: number): { decoded: string; offsets: number[] } {
  let decoded = "";
  const offsets: number[] = [];
  for (let i = start; i < end; i++) {
    offsets.push(i);
    const escape = text[i] === "%" ? /^[0-9A-Fa-f]{2}$/.exec(text.slice(i + 1, i + 3)) : null;
    if (escape === null) {
      decoded += text[i] ?? "";
      continue;
    }
    decoded += String.fromCharCode(parseInt(escape[0], 16));
    i += 2;
  }
  return { decoded, offsets };
}

/** The span in the text of a match in the decoded string. */
function spanOf(found: Encoded, from: number, to: number): { start: number; end: number } {
  if (found.offsets !== undefined) {
    return { start: found.offsets[from] ?? found.start, end: found.offsets[to] ?? found.end };
  }
  // Base64 packs 3 bytes in 4 characters, hex 1 byte in 2.
  const [chars, bytes] = found.encoding === "hex" ? [2, 1] : [4, 3];
  return { start: found.start + Math.floor((from * chars) / bytes), end: Math.min(found.end, found.start + Math.ceil((to * chars) / bytes)) };
}

function innerSecrets(text: string, found: Encoded, context: DetectContext): Candidate[] {
  const out: Candidate[] = [];
  for (const rule of context.prefilter.candidates(found.decoded)) {
    for (const match of matchRule(rule, found.decoded)) {
      const { spec } = rule;
      const span = spanOf(found, match.start, match.end);
      // A rule that reads the encoded form as written (an Azure SAS `sig=…%2B…`) names it better.
      if (found.encoding === "url" && providerRuleCovers(context, text, span.start, span.end)) continue;
      out.push({
        ruleId: spec.id,
        provider: spec.provider,
        kind: spec.kind,
        severity: spec.severity,
        secret: match.secret,
        ...span,
        confidence: match.confidence,
        nonExpiring: spec.nonExpiring,
        parts: { ...match.parts, encoding: found.encoding },
      });
    }
  }
  return out;
}

/** One level of base64, hex or percent-encoding around a provider-format secret: decoded, then run through the rules. */
export const detector: Detector = {
  id: "encoded",
  description: "Provider-format secrets inside one level of base64, hex or URL encoding",
  appliesTo: () => true,
  detect(fragment, context) {
    const out: Candidate[] = [];
    for (const found of [...binaryToText(fragment.text), ...urlEncoded(fragment.text)]) out.push(...innerSecrets(fragment.text, found, context));
    return out;
  },
};
