import { shannonEntropy } from "../util/text.js";

/**
 * References to a value held elsewhere: CI and template expressions, shell and Make variables,
 * format strings, secret-manager URIs and infrastructure-as-code expressions.
 */
const REFERENCE =
  /\$\{|\$\(|\{\{|\{%|%\([\w.-]+\)[sd]|%[sdrvq](?![A-Za-z0-9])|#\{|<%|@Microsoft\.KeyVault\(|\{\{resolve:|^\{.*\}$|\{[A-Za-z_][\w.]*\}|^\$[A-Za-z_]\w*$|^%[A-Za-z_]\w*%$|^(?:vault|ref\+\w+|op|sm|awssm|gcpsm|azkv|secret|secrets|env|file|k8s|doppler|infisical|bws):\/?\/?[\w./-]|^vault:|arn:aws:(?:secretsmanager|ssm|kms):|^projects\/[\w-]+\/secrets\/|process\.env|os\.environ|System\.getenv|getenv\(|ENV\[|^!(?:Ref|Sub|GetAtt|ImportValue)\b|^(?:var|local|data|module|each)\.[\w.[\]"-]+$/;

/** Shapes of values that configure, name or point rather than authenticate, with the reason. */
const NOT_SECRET: readonly (readonly [RegExp, string])[] = [
  [/^ENC\[[A-Z0-9_]+,data:|^\$ANSIBLE_VAULT;|^-----BEGIN PGP MESSAGE-----/, "encrypted"],
  [/\s/, "prose"],
  [REFERENCE, "reference"],
  [/^(?:true|false|yes|no|on|off|null|nil|none|undefined|~|required|optional|string|secret|password|token|n\/a|tbd|todo|empty|unset|default|auto|random|generated|disabled|enabled)$/i, "literal"],
  [/^[+-]?(?:\d+(?:[._]\d+)*(?:e[+-]?\d+)?|0x[0-9a-f]+)$/i, "literal"],
  [/^[A-Za-z]{6,10}$/, "short word"],
  [/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/, "variable name"],
  [/\[[^\]]*-[^\]]*\]|\(\?P?[:=!<]|\\[dwsbDWS]|\[\^/, "regex"],
  [/^--?[a-z][\w-]+$/, "command-line flag"],
  [/(?:^|&)[A-Za-z_]\w*=[^&]*&[A-Za-z_]\w*=/, "query string"],
  [/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\|\\\\)|\.(?:pem|key|crt|cer|p12|pfx|jks|json|ya?ml|txt|env|pub|gpg|asc|der|keystore)$/i, "path"],
  [/^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i, "address"],
  [/^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/, "address"],
  [/^\$(?:2[abxy]?|argon2(?:id|i|d)|scrypt|pbkdf2[\w-]*|[156])\$/, "password hash"],
];

/** Letters in lower-case runs of 3+ (words) over all characters: high for identifiers, low for random text. */
function wordiness(segment: string): number {
  let inWords = 0;
  for (const run of segment.match(/[a-z]{3,}/g) ?? []) inWords += run.length;
  return inWords / segment.length;
}

/**
 * An identifier or a path of them (`argumentExpression`, `HTTPPasswordMgrWithDefaultRealm`,
 * `oauth2ClientSecret`, `roles/iam.serviceAccountTokenCreator`, `Rails::Auth`, `db-credentials`):
 * every segment is mostly words. Random tokens almost never are.
 */
function isIdentifierPath(value: string): boolean {
  const segments = value.split(/[/.:#_-]+/).filter(Boolean);
  if (segments.length === 0 || !/^[\w/.:#$-]+$/.test(value)) return false;
  return segments.every((s) => /^\d{1,4}$/.test(s) || (/^[A-Za-z][A-Za-z0-9]*$/.test(s) && wordiness(s.replace(/[A-Z]/g, (c) => c.toLowerCase())) >= 0.7 && /[a-z]/.test(s)));
}

/** Why a value cannot be a literal credential, or undefined when it may be one. */
export function nonSecretReason(value: string): string | undefined {
  if (value.length < 6) return "too short";
  for (const [pattern, reason] of NOT_SECRET) if (pattern.test(value)) return reason;
  if (isIdentifierPath(value)) return "identifier";
  return undefined;
}

/** Hex strings carry 4 bits per character at most, so they get a lower floor than base64-like text. */
export function isHex(value: string): boolean {
  return /^[0-9a-fA-F]+$/.test(value);
}

/**
 * Whether a value looks machine-generated: long enough and with the character spread of random
 * base64 (≥ 3.5 bits/char) or random hex (≥ 3.0 bits/char).
 */
export function isHighEntropy(value: string, minLength = 16): boolean {
  if (value.length < minLength) return false;
  return shannonEntropy(value) >= (isHex(value) ? 3.0 : 3.5);
}
