import { shannonEntropy } from "../util/text.js";
import { REFERENCE } from "../values/verdict.js";

/** Shapes of values that configure, name or point rather than authenticate, with the reason. */
const NOT_SECRET: readonly (readonly [RegExp, string])[] = [
  [/^ENC\[[A-Z0-9_]+,data:|^\$ANSIBLE_VAULT;|^-----BEGIN PGP MESSAGE-----/, "encrypted"],
  [/\s/, "prose"],
  [REFERENCE, "reference"],
  [
    /^(?:true|false|yes|no|on|off|null|nil|none|undefined|~|required|optional|string|secret|password|token|n\/a|tbd|todo|empty|unset|default|auto|random|generated|disabled|enabled)$/i,
    "literal",
  ],
  [/^[+-]?(?:\d+(?:[._]\d+)*(?:e[+-]?\d+)?|0x[0-9a-f]+)$/i, "literal"],
  [/^[A-Za-z]{6,10}$/, "short word"],
  [/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/, "variable name"],
  [/\[[^\]]*-[^\]]*\]|\(\?P?[:=!<]|\\[dwsbDWS]|\[\^/, "regex"],
  [/^--?[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, "command-line flag"],
  [/(?:^|&)[A-Za-z_]\w*=[^&]*&[A-Za-z_]\w*=/, "query string"],
  [/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\|\\\\)|\.(?:pem|key|crt|cer|p12|pfx|jks|json|ya?ml|txt|env|pub|gpg|asc|der|keystore)$/i, "path"],
  [/^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i, "address"],
  [/^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/, "address"],
  [/^\$(?:2[abxy]?|argon2(?:id|i|d)|scrypt|pbkdf2[\w-]*|[156])\$/, "password hash"],
  [/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/, "timestamp"],
  // Public by design: shipped to browsers and apps (Mapbox `pk.`, Stripe publishable, Supabase publishable).
  [/^(?:pk\.eyJ|pk_(?:live|test)_|sb_publishable_)/, "publishable"],
];

// Words: an optional capital and 3+ lower-case letters; acronyms count when a word follows them.
const WORD = /[A-Z]?[a-z]{3,}|[A-Z]{2,5}(?=[A-Z][a-z]{3,})/g;

/** The word letters of a name-like segment when it is mostly words, else undefined. */
function wordsOf(segment: string): string | undefined {
  if (/^\d{1,4}$/.test(segment)) return "";
  // Identifiers carry few digits, in at most two runs (`oauth2`, `v2alpha1`); random text scatters them.
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(segment) || (segment.match(/\d+/g) ?? []).length > 2 || segment.replace(/\D/g, "").length > 4) return undefined;
  const text = /^[A-Z0-9]+$/.test(segment) ? segment.toLowerCase() : segment;
  const words = (text.match(WORD) ?? []).filter((w) => /[aeiouy]/i.test(w) || /^[A-Z]+$/.test(w)).join("");
  // Mixed case needs more: random letters hold short capitalised runs by chance.
  return words.length >= (/[a-z][A-Z]/.test(segment) ? 0.7 : 0.6) * segment.length ? words : undefined;
}

/**
 * An identifier or a path of them (`argumentExpression`, `HTTPPasswordMgrWithDefaultRealm`,
 * `oauth2ClientSecret`, `roles/iam.serviceAccountTokenCreator`, `Rails::Auth`, `db-credentials`).
 */
function isIdentifierPath(value: string): boolean {
  if (!/^[\w/.:#$-]+$/.test(value)) return false;
  const segments = value.split(/[/.:#_$-]+/).filter(Boolean);
  const words = segments.filter((s) => s.length > 3).map(wordsOf);
  // Abbreviations (`aj`, `db`, `v1`) pass when real words stand beside them.
  if (words.length === 0 || words.some((w) => w === undefined)) return false;
  const letters = words.join("");
  // Capitals interrupt random text, so camelCase that reads as words is an identifier. Lower-case
  // runs need a word's share of vowels too: random lower-case letters have fewer.
  if (/[a-z][A-Z]/.test(value)) return letters.length >= 4;
  const vowels = letters.replace(/[^aeiouyAEIOUY]/g, "").length;
  // Separated words (`fetch-buffer`, `string_items`) may be vowel-poor; each still holds a vowel.
  const separatedWords = segments.length > 1 && segments.every((s) => /[aeiouy]/i.test(s));
  return letters.length >= 4 && vowels >= (separatedWords ? 0.15 : 0.3) * letters.length;
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
