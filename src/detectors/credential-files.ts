import type { Candidate } from "../model/finding.js";
import type { Fragment } from "../model/fragment.js";
import type { CredentialKind } from "../model/rule.js";
import { isSamplePath } from "../paths/classify.js";
import { decodeField } from "./credential-files/field.js";
import type { CredentialField } from "./credential-files/field.js";
import { CREDENTIAL_FILE_FORMATS } from "./credential-files/formats.js";
import type { CredentialFileFormat, SecretField } from "./credential-files/formats.js";
import { parseFields } from "./credential-files/parse.js";
import type { DetectContext, Detector } from "./detector.js";
import { providerRuleCovers, providerRuleNames } from "./rule-overlap.js";
import { SECRET_NAME_SUBSTRINGS, secretNameKind } from "./secret-names.js";

// Formats are told apart by the start of the file; a kubeconfig's users may follow long certificates.
const SNIFF_BYTES = 16_384;
/** Values held elsewhere: shell, CI and template references, `<placeholder>` markers. */
const REFERENCE = /^\$\{[^}]*\}$|^\$\([^)]*\)$|\{\{.*\}\}|^%\(\w+\)s$|^\$[A-Za-z_]\w*$|^%[A-Za-z_]\w*%$|^<[^<>]*>$|^\$\{\{/;
/** Values another detector reads better (it names the claims or the key type). */
const OTHER_DETECTOR = /^eyJ[\w-]{8,}\.eyJ|-----BEGIN /;
/** Maven `{…}` and Jenkins `{AQAAAB…}` values are encrypted with a key kept elsewhere. */
const ENCRYPTED_VALUE = /^\{[A-Za-z0-9+/]{16,}={0,2}\}$/;
const SEGMENT_START = "(?:^|\\/)";

/**
 * One alternation over the formats' path patterns, anchored at the start of a path segment (each
 * pattern starts at one) so that it tests one position instead of every one: a regex test on every
 * path has to be cheap. Case-insensitive, a superset: each format's own pattern decides after it.
 */
function anyOf(patterns: readonly (RegExp | undefined)[]): RegExp {
  const sources = patterns.flatMap((p) => {
    if (p === undefined) return [];
    return [p.source.startsWith(SEGMENT_START) ? `(?:${p.source.slice(SEGMENT_START.length)})` : `[^]*?(?:${p.source})`];
  });
  return new RegExp(`^(?:${sources.join("|")})`, "i");
}
const NAMED = anyOf(CREDENTIAL_FILE_FORMATS.filter((f) => f.sniff === undefined).map((f) => f.name));
const ANY_PATH = anyOf(CREDENTIAL_FILE_FORMATS.flatMap((f) => [f.name, f.sniffIn]));

/** Whether the file name, or the last two segments (`.aws/credentials`), match: all that format names look at. */
function tailMatches(regex: RegExp, path: string): boolean {
  const last = path.lastIndexOf("/");
  if (last < 0) return regex.test(path);
  return regex.test(path.slice(last + 1)) || regex.test(path.slice(path.lastIndexOf("/", last - 1) + 1));
}

/** Whether a path names a credential file on its own (no content test needed): a cheap test on every path. */
function isNamedCredentialFile(path: string): boolean {
  return tailMatches(NAMED, path) && CREDENTIAL_FILE_FORMATS.some((f) => f.sniff === undefined && f.name?.test(path) === true);
}

/** The credential-file format of a fragment: by name, by name and content, or by content where its path allows. */
export function credentialFileFormat(path: string, text: string | (() => string)): CredentialFileFormat | undefined {
  if (!tailMatches(ANY_PATH, path)) return undefined;
  let head: string | undefined;
  for (const format of CREDENTIAL_FILE_FORMATS) {
    const named = format.name?.test(path) === true;
    if (!named && format.sniffIn?.test(path) !== true) continue;
    if (format.sniff === undefined) return format;
    const whole = typeof text === "string" ? text : text();
    head ??= whole.length > SNIFF_BYTES ? whole.slice(0, SNIFF_BYTES) : whole;
    if (format.sniff.test(head)) return format;
  }
  return undefined;
}

function specOf(format: CredentialFileFormat, field: CredentialField): SecretField | undefined {
  return format.fields.find(
    (spec) =>
      (spec.key === "secret-name" ? secretNameKind(field.key) !== undefined : spec.key.test(field.key)) &&
      (spec.under === undefined || (field.path ?? []).some((p) => spec.under?.test(p) === true)),
  );
}

function candidateOf(
  format: CredentialFileFormat,
  field: CredentialField,
  spec: SecretField,
  fragment: Fragment,
  context: DetectContext,
): Candidate | undefined {
  const value = field.value.trim();
  if (value === "" || spec.ignore?.test(value) === true || REFERENCE.test(value) || OTHER_DETECTOR.test(value)) return undefined;
  // A provider rule names the provider and checks the format: leave such values to it. Hash rules
  // are kept: a hash in a file of hashes is sure (high), where the rule alone says medium.
  if (spec.kind !== "password-hash" && providerRuleCovers(context, fragment.text, field.start, field.end)) return undefined;
  const { secret, user } = decodeField(field, spec.decode);
  if (secret !== field.value && providerRuleNames(context, secret)) return undefined;
  const kind: CredentialKind = ENCRYPTED_VALUE.test(value) ? "encrypted-credential" : (spec.kind ?? "password");
  const parts: Record<string, string> = { format: format.id, key: field.key };
  const who = user ?? field.user;
  if (who !== undefined && who !== "") parts["user"] = who;
  if (field.host !== undefined && field.host !== "") parts["host"] = field.host;
  if (field.encoding !== undefined) parts["encoding"] = field.encoding;
  return {
    ruleId: "credential-files",
    provider: format.provider,
    kind,
    severity: kind === "password-hash" || kind === "encrypted-credential" ? "medium" : "high",
    secret,
    start: field.start,
    end: field.end,
    // The file exists to hold this value: however weak it looks (`admin`, `hunter2`), it is the credential.
    // Credential files kept as test fixtures or documentation samples are often fakes: medium (still reported).
    confidence: isSamplePath(fragment.path) ? "medium" : "high",
    nonExpiring: false,
    parts,
  };
}

/**
 * Files whose format exists to store a credential (.pgpass, .netrc, .git-credentials, Docker and
 * kubeconfig files, registry and FTP client configs, /etc/shadow, .htpasswd…): every non-empty
 * secret field is a finding, without any entropy floor. Formats are data, in `credential-files/formats.ts`.
 */
export const detector: Detector = {
  id: "credential-files",
  description:
    "Every secret field of files that exist to hold credentials (.pgpass, .netrc, .git-credentials, Docker, kubeconfig, registry, FTP and database client configs, shadow and .htpasswd files)",
  // Content-recognised formats all hold a secret-named key; named files are read whatever they hold.
  triggers: SECRET_NAME_SUBSTRINGS,
  readsByName: isNamedCredentialFile,
  // The text is read only for paths a format sniffs (history dedupe keeps most blobs undecoded).
  appliesTo: (fragment) => credentialFileFormat(fragment.path, () => fragment.text) !== undefined,
  detect(fragment, context) {
    const format = credentialFileFormat(fragment.path, fragment.text);
    if (format === undefined) return [];
    const out: Candidate[] = [];
    for (const field of parseFields(format.parser, fragment.text)) {
      const spec = specOf(format, field);
      const candidate = spec === undefined ? undefined : candidateOf(format, field, spec, fragment, context);
      if (candidate !== undefined) out.push(candidate);
    }
    return out;
  },
};
