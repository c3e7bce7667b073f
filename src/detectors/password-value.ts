import { isHighEntropy, nonSecretReason } from "./secret-value.js";
import { valueDropReason } from "../values/verdict.js";

/** Printable ASCII without spaces or quotes: labels, prose and translations fall outside. */
const PASSWORD_CHARS = /^[\x21\x23-\x26\x28-\x5f\x61-\x7e]+$/;
/** Google app passwords are shown as four groups of four letters, and pasted with their spaces. */
const APP_PASSWORD = /^[a-z]{4}(?: [a-z]{4}){3}$/;
/** Values that only name the field or stand in for it: `mypassword`, `password123`, `secret_1`, `test123`. */
const NAMED =
  /^[a-z_-]{0,12}(?:pass|passwd|password|passwort|pwd|secret|changeme|changeit|letmein|default|example|sample|test|dummy|fake|foo|bar|baz|qwerty|abc|xyz)[a-z_-]{0,12}[\d_!.-]{0,4}$/i;
/** Well-known weak passwords that are words: reported even in source code. */
const NAMED_WEAK = /^(?:letmein|changeme|changeit|welcome|qwerty|iloveyou|trustno|admin|root|toor|secret|hunter|monkey|dragon|master|sunshine|passw(?:or)?d)$/i;
/** Words and letters only: labels (`Password`, `Contrasena`), i18n keys and the like; a password mixes in something else. */
const LETTERS_ONLY = /^[A-Za-z]{1,16}$/;
/** Short values that are settings, not passwords. */
const SHORT_LITERAL = /^(?:\d+|true|false|null|none|nil|yes|no|on|off|auto|tbd|todo|n\/a|empty|unset|pass|pwd|xxxx?)$/i;

/** A dictionary word, a placeholder-like word or a very short value: weak, and often a local default. */
export function isWeakWord(value: string): boolean {
  return value.length < 6 || LETTERS_ONLY.test(value) || NAMED.test(value);
}

/** A dotted version or version range (`1.2.1`, `^4.17.0`, `~2.0.x`). */
const VERSION = /^(?:[~^<>=v]|>=|<=)?\d+\.\d+(?:\.(?:\d+|x|\*))?(?:[-+][\w.]+)?$/;

/**
 * Why a literal assigned to a password-named key cannot be the password, or undefined when it may
 * be. No entropy floor: `hunter22` and `4ian1234` are findings. References, templates, masks and
 * the key's own name are dropped by the value model (src/values/verdict.ts); code, labels and
 * identifiers are not values. Words (`letmein`, `password123`) are weak passwords, reported; in
 * source code a bare letters-only word is more often a label (`"Password"`), so it needs a config file.
 */
export function passwordValueReason(value: string, name: string, inConfig = false): string | undefined {
  if (APP_PASSWORD.test(value)) return undefined;
  if (value.length > 128) return "too long";
  if (!PASSWORD_CHARS.test(value)) return "not a password shape";
  if (value.length < 6 && (!inConfig || value.length < 4 || SHORT_LITERAL.test(value))) return "too short";
  const general = value.length < 6 ? undefined : nonSecretReason(value);
  // Words with digits or symbols (`hunter22`, `mysql4ever`) are classic passwords, not identifiers,
  // unless they hold a path or member separator; in config a bare word is one too.
  const wordLike = general === "identifier" || general === "short word";
  const mayBeWords = wordLike && (/\d|[^\w./:#-]/.test(value) || isHighEntropy(value, 12) || (inConfig && /^[A-Za-z]+$/.test(value))) && !/[./:]/.test(value);
  // `password=password`, `secret=secret`: the word itself is a weak password people use, reported.
  const weakWord = general === "literal" && NAMED_WEAK.test(value);
  if (general !== undefined && !mayBeWords && !weakWord) return general;
  const drop = valueDropReason(value, name);
  if (drop !== undefined) return drop;
  // `"pbkdf2-password": "1.2.1"` in a manifest: a dotted version range is a dependency, not a password.
  if (VERSION.test(value)) return "version";
  // A letters-only word in code is a label or a key (`"Password"`, `"goodspec"` stays a finding
  // in config files); a word with digits or symbols (`password123`, `letmein!`) is a weak password.
  if (!inConfig && LETTERS_ONLY.test(value) && !NAMED_WEAK.test(value)) return "word";
  const lower = value.toLowerCase();
  const field = name.toLowerCase().replace(/^[$@:]+/, "");
  // The key written again inside an identifier (`password: "user_password"`, `pwd = "pwdField"`):
  // a field name, not a value.
  if (field !== "" && lower.includes(field) && lower !== field && /[_.-]|[a-z][A-Z]/.test(value) && !/\d/.test(value)) return "own-name";
  return undefined;
}
