import type { Candidate } from "../model/finding.js";
import type { Detector } from "./detector.js";

// Header and payload are base64url JSON objects, so both start with `eyJ` (`{"` and a letter) or
// `eyI` (`{"` and a digit or symbol, as in 1Password Connect's `{"1password.com/auuid"…`).
// No look-behind: a regex that starts with a literal runs much faster; the preceding character is checked by hand.
// Tried only where a run of token characters starts: tried at every `eyJ` inside a long run, the
// bounded repeats re-read up to 4,000 characters each time (6 µs a byte on a run of `eyJeyJ…`).
const JWT_START = /ey[IJ]/g;
const JWT = /ey[IJ][A-Za-z0-9_-]{8,4000}\.ey[IJ][A-Za-z0-9_-]{8,8000}\.[A-Za-z0-9_-]{0,2000}(?![\w-])/y;
/** The jwt.io and RFC 7519 samples, published everywhere as examples. */
const DOCUMENTED_SUBJECTS = new Set(["1234567890", "joe"]);

type Json = Readonly<Record<string, unknown>>;

function decodeObject(segment: string): Json | undefined {
  try {
    const value = JSON.parse(Buffer.from(segment, "base64url").toString("utf8")) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

function isoOf(seconds: unknown): string | undefined {
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) return undefined;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.join(", ");
  return undefined;
}

/** Registered claims worth inventorying, as strings (dates in ISO 8601). */
function claimParts(header: Json, payload: Json): Record<string, string> {
  const parts: Record<string, string> = {};
  const put = (name: string, value: string | undefined) => {
    if (value !== undefined) parts[name] = value;
  };
  put("alg", textOf(header["alg"]));
  put("kid", textOf(header["kid"]));
  for (const claim of ["iss", "sub", "aud"]) put(claim, textOf(payload[claim]));
  put("iat", isoOf(payload["iat"]));
  put("exp", isoOf(payload["exp"]));
  // The no-expiry check reads `expiresAt`.
  put("expiresAt", isoOf(payload["exp"]));
  return parts;
}

function isDocumentedSample(payload: Json): boolean {
  return DOCUMENTED_SUBJECTS.has(String(payload["sub"] ?? payload["iss"] ?? "")) && /^(?:John Doe|joe)?$/.test(String(payload["name"] ?? ""));
}

/** JSON Web Tokens, decoded without verification: algorithm, issuer, subject, audience and expiry. */
export const detector: Detector = {
  id: "jwt",
  description: "JSON Web Tokens, with issuer, subject, audience, issue and expiry dates decoded (not verified)",
  triggers: ["eyj", ".eyi"],
  appliesTo: (fragment) => fragment.text.includes("eyJ") || fragment.text.includes(".eyI"),
  detect(fragment) {
    const out: Candidate[] = [];
    JWT_START.lastIndex = 0;
    for (let start = JWT_START.exec(fragment.text); start !== null; start = JWT_START.exec(fragment.text)) {
      if (/[\w-]/.test(fragment.text[start.index - 1] ?? "")) continue;
      JWT.lastIndex = start.index;
      const m = JWT.exec(fragment.text);
      if (m === null) continue;
      JWT_START.lastIndex = m.index + m[0].length;
      const [headerPart = "", payloadPart = "", signature = ""] = m[0].split(".");
      const header = decodeObject(headerPart);
      const payload = decodeObject(payloadPart);
      if (header === undefined || payload === undefined || typeof header["alg"] !== "string" || isDocumentedSample(payload)) continue;
      const unsigned = header["alg"].toLowerCase() === "none" || signature.length === 0;
      out.push({
        ruleId: "jwt",
        provider: "jwt",
        kind: "token",
        severity: unsigned ? "medium" : "high",
        secret: m[0],
        start: m.index,
        end: m.index + m[0].length,
        confidence: unsigned ? "medium" : "high",
        nonExpiring: payload["exp"] === undefined,
        parts: claimParts(header, payload),
      });
    }
    return out;
  },
};
