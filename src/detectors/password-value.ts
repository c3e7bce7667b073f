import { nameWords } from "./secret-names.js";
import { isHighEntropy, nonSecretReason } from "./secret-value.js";

/** Printable ASCII without spaces or quotes: labels, prose and translations fall outside. */
const PASSWORD_CHARS = /^[\x21\x23-\x26\x28-\x5f\x61-\x7e]+$/;
/** Google app passwords are shown as four groups of four letters, and pasted with their spaces. */
const APP_PASSWORD = /^[a-z]{4}(?: [a-z]{4}){3}$/;
/** Values that only name the field or stand in for it: `mypassword`, `password123`, `secret_1`, `test123`. */
const NAMED = /^[a-z_-]{0,12}(?:pass|passwd|password|passwort|pwd|secret|changeme|changeit|letmein|default|example|sample|test|dummy|fake|foo|bar|baz|qwerty|abc|xyz)[a-z_-]{0,12}[\d_!.-]{0,4}$/i;
/** Masks and typing placeholders: `******`, `xxxxxx`, `........`, `<password>`. */
const MASK = /^(.)\1+$|^[*x.•]+$|^<[^>]*>$|^\[[^\]]*\]$/i;
/** Words and letters only: labels (`Password`, `Contrasena`), i18n keys and the like; a password mixes in something else. */
const LETTERS_ONLY = /^[A-Za-z]{1,16}$/;
/** A format or template marker the general reference check does not know: `%{password}`, `:password`, `@password@`. */
const TEMPLATE = /%\{|^:[a-z_]+$|^@{1,2}\w+@{1,2}$|^\$\w+\$$|^__\w+__$/i;
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
 * be. No entropy floor: `hunter22` and `4ian1234` are findings. Code, templates, labels and
 * placeholder words are not. In a config file (`inConfig`) a word (`grafana`, `admin`) is what the
 * service logs in with, so words and short values pass there (see `isWeakWord` for their confidence).
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
  if (general !== undefined && !mayBeWords) return general;
  if (MASK.test(value) || TEMPLATE.test(value)) return "placeholder";
  // `"pbkdf2-password": "1.2.1"` in a manifest: a dotted version range is a dependency, not a password.
  if (VERSION.test(value)) return "version";
  if (!inConfig && (LETTERS_ONLY.test(value) || NAMED.test(value))) return "word";
  // The key written again (`password: "user_password"`, `pwd = "pwdField"`), or a word of the key:
  // `POSTGRES_PASSWORD: postgres`, `MYSQL_ROOT_PASSWORD: root` are the images' documented defaults.
  const lower = value.toLowerCase();
  const field = name.toLowerCase().replace(/^[$@:]+/, "");
  if (field !== "" && (lower.includes(field) || (/^[a-z]+$/.test(lower) && nameWords(name).includes(lower)))) return "names the field";
  // A connection string (`…;Password=…`) holds the word and is still a credential.
  if (/passw|pwd/.test(lower) && !/[=;]/.test(value)) return "names the field";
  return undefined;
}
