import type { Candidate } from "../model/finding.js";
import type { Fragment } from "../model/fragment.js";
import type { Confidence, CredentialKind } from "../model/rule.js";
import { CONTEXT_CONFIDENCE, classifyPath, pathContextOf } from "../paths/classify.js";
import { kubernetesSecretEntries, mayHoldSecretManifest } from "./config-formats/kubernetes-secret.js";
import type { SecretEntry } from "./config-formats/kubernetes-secret.js";
import { linePairs } from "./config-formats/line-pairs.js";
import type { KeyValue, PairSyntax } from "./config-formats/line-pairs.js";
import { regexPairs } from "./config-formats/regex-pairs.js";
import type { DetectContext, Detector } from "./detector.js";
import { isWeakWord, passwordValueReason } from "./password-value.js";
import { providerLookAlike, providerRuleCovers, providerRuleNames } from "./rule-overlap.js";
import { SECRET_NAME_SUBSTRINGS, secretNameKind } from "./secret-names.js";
import { isHighEntropy, nonSecretReason } from "./secret-value.js";

/** Values another detector reads better: URIs with credentials, PEM blocks, JWTs. */
const OTHER_DETECTOR = /^[a-z][\w+.-]*:\/\/[^/\s]*@|-----BEGIN |^eyJ[\w-]{8,}\.eyJ/;
/** Bitnami Sealed Secrets hold ciphertext that only the cluster can decrypt: safe to commit. */
const SEALED_SECRET = /^kind:\s*["']?SealedSecret["']?\s*$/m;
/** Secret keys whose names say nothing (`tls.crt`, `username`) are still not all secret. */
const NOT_SECRET_IN_MANIFEST = /(?:^|[._-])(?:crt|cert|pem|pub|ca|user|username|host|port|url|endpoint|database|db|namespace|region|email)$/i;

function pairsOf(text: string, format: PairSyntax): KeyValue[] {
  if (format === "json" || format === "xml") return regexPairs(text, format);
  return format === "text" ? [...linePairs(text, format), ...regexPairs(text, format)] : linePairs(text, format);
}

/** The syntax a file's pairs are read in: its config format, or `text` for any other non-code file. */
function syntaxOf(path: string): PairSyntax | undefined {
  const where = classifyPath(path);
  return where.configFormat ?? (where.source ? undefined : "text");
}

function make(pair: KeyValue, kind: CredentialKind, secret: string, parts: Record<string, string>, confidence: Confidence): Candidate {
  return {
    ruleId: "structured-config",
    provider: "generic",
    kind,
    severity: "high",
    secret,
    start: pair.start,
    end: pair.end,
    confidence,
    nonExpiring: false,
    parts: { key: pair.key, ...parts },
  };
}

function manifestCandidate(entry: SecretEntry, context: DetectContext): Candidate | undefined {
  if (NOT_SECRET_IN_MANIFEST.test(entry.key) || entry.value.includes("CERTIFICATE-----")) return undefined;
  // A provider format inside the base64 is reported by the encoded detector, under the provider's rule.
  if (entry.encoding === "base64" && providerRuleNames(context, entry.value)) return undefined;
  const isKey = entry.value.includes("PRIVATE KEY-----");
  if (!isKey && nonSecretReason(entry.value) !== undefined) return undefined;
  const kind: CredentialKind = isKey ? "private-key" : (secretNameKind(entry.key) ?? "password");
  const parts = { format: "kubernetes-secret", encoding: entry.encoding };
  // Declared a Secret by its manifest: the name need not look secret, and the value is sure.
  return make(entry, kind, entry.value.trim(), parts, isKey || isHighEntropy(entry.value) ? "high" : "medium");
}

/** Why a value cannot be the credential its key names: passwords have no entropy floor, so their own checks. */
function valueReason(value: string, key: string, kind: CredentialKind, path: string): string | undefined {
  if (kind !== "password") return nonSecretReason(value);
  const context = pathContextOf(path);
  return passwordValueReason(value, key, context === "config" || context === "credential");
}

/** A weak password's confidence: a word is low (often a local default); otherwise the file decides. */
function weakPasswordConfidence(value: string, path: string): Confidence {
  return isWeakWord(value) ? "low" : CONTEXT_CONFIDENCE[pathContextOf(path)];
}

/** A user-name line: `user = app`, `username: "deploy"`, `login=ops`, `DB_USER=app`, `<user>app</user>`. */
const USER_LINE =
  /^[ \t]*(?:[-*][ \t]+)?(?:export[ \t]+)?(?:<|["']?)(?:[\w.-]*[_.-])?(?:user(?:_?name)?|login|uid|user_?id|account)(?:>|["']?[ \t]*(?:[:=]|=>)[ \t]*["']?)([^\s"'<>,;#]{1,128})/i;
const PAIR_LINES = 3;

/**
 * The user that goes with a password: on one of the few lines around it, within its INI section or
 * block (a `[section]` header or a blank line ends the search). A user and a password are one credential.
 */
function userNear(text: string, at: number): string | undefined {
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  const lineEnd = text.indexOf("\n", at);
  const lines = (from: number, step: 1 | -1): string[] => {
    const out: string[] = [];
    let cursor = from;
    for (let i = 0; i < PAIR_LINES; i++) {
      if (step < 0) {
        if (cursor <= 0) break;
        const start = text.lastIndexOf("\n", cursor - 2) + 1;
        out.push(text.slice(start, cursor - 1));
        cursor = start;
      } else {
        if (cursor < 0 || cursor >= text.length) break;
        const end = text.indexOf("\n", cursor + 1);
        out.push(text.slice(cursor + 1, end < 0 ? text.length : end));
        cursor = end;
      }
    }
    return out;
  };
  for (const side of [lines(lineStart, -1), lines(lineEnd, 1)]) {
    for (const line of side) {
      if (line.trim() === "" || /^\s*\[[^\]]+\]\s*$/.test(line)) break;
      const user = USER_LINE.exec(line)?.[1];
      if (user !== undefined && secretNameKind(user) === undefined) return user;
    }
  }
  return undefined;
}

function pairCandidate(pair: KeyValue, format: PairSyntax, fragment: Fragment, context: DetectContext): Candidate | undefined {
  const kind = secretNameKind(pair.key);
  if (kind === undefined || valueReason(pair.value, pair.key, kind, fragment.path) !== undefined || OTHER_DETECTOR.test(pair.value)) return undefined;
  if (providerRuleCovers(context, fragment.text, pair.start, pair.end) || providerLookAlike(context, pair.value)) return undefined;
  // A config file is meant to hold real values; other text (notes, logs) as sure as its path says.
  const sure = format === "text" ? CONTEXT_CONFIDENCE[pathContextOf(fragment.path)] : "high";
  const user = kind === "password" ? userNear(fragment.text, pair.start) : undefined;
  const candidate = make(
    pair,
    kind,
    pair.value,
    { format, ...(user === undefined ? {} : { user }) },
    isHighEntropy(pair.value) || sure !== "high" ? sure : "medium",
  );
  // A weak password is as sure as its file is meant to hold real ones: config high, tests and docs low.
  return candidate.confidence === "high" || kind !== "password" ? candidate : { ...candidate, confidence: weakPasswordConfidence(pair.value, fragment.path) };
}

/**
 * Key-aware reading of configuration files: a secret-named key (`password`, `api_key`,
 * `client_secret`…) with a literal, non-placeholder value is a finding without any provider format.
 */
export const detector: Detector = {
  id: "structured-config",
  description:
    "Secret-named keys with literal values in .env, YAML, JSON, .properties, INI, TOML, Terraform, Dockerfile and Kubernetes Secrets (.netrc belongs to credential-files)",
  // Every candidate needs one: a secret-named key, a `kind: Secret` manifest.
  triggers: SECRET_NAME_SUBSTRINGS,
  appliesTo: (fragment) => classifyPath(fragment.path).configFormat !== undefined,
  detect(fragment, context) {
    const format = classifyPath(fragment.path).configFormat;
    if (format === undefined) return [];
    const out: Candidate[] = [];
    const manifest = format === "yaml" && mayHoldSecretManifest(fragment.text) ? kubernetesSecretEntries(fragment.text) : [];
    for (const entry of manifest) {
      const candidate = manifestCandidate(entry, context);
      if (candidate !== undefined) out.push(candidate);
    }
    if (format === "yaml" && SEALED_SECRET.test(fragment.text)) return out;
    const inManifest = (pair: KeyValue) => manifest.some((e) => pair.start < e.end && pair.end > e.start);
    for (const pair of pairsOf(fragment.text, format)) {
      if (inManifest(pair)) continue;
      const candidate = pairCandidate(pair, format, fragment, context);
      if (candidate !== undefined) out.push(candidate);
    }
    return out;
  },
};

/**
 * The same engine on every other non-code text file (notes, `.txt`, `.log`, backups, files without
 * an extension, Markdown), in the `text` syntax. Registered apart because it is line-local (a pair,
 * and the user beside a password, lie within a few lines): history line dedupe may skip its lines.
 * Its candidates keep the `structured-config` rule id: one engine, one id in reports.
 */
export const textDetector: Detector = {
  id: "structured-text",
  description:
    "Secret-named keys with literal values in any other text file (notes, .txt, .log, backups, no extension, Markdown): name = / : / => / := value, INI, XML, JSON pairs",
  triggers: SECRET_NAME_SUBSTRINGS,
  appliesTo: (fragment) => syntaxOf(fragment.path) === "text",
  detect(fragment, context) {
    const out: Candidate[] = [];
    for (const pair of pairsOf(fragment.text, "text")) {
      const candidate = pairCandidate(pair, "text", fragment, context);
      if (candidate !== undefined) out.push(candidate);
    }
    return out;
  },
};
