import { isHighEntropy, nonSecretReason } from "./secret-value.js";

/** Printable ASCII without spaces or quotes: labels, prose and translations fall outside. */
const PASSWORD_CHARS = /^[\x21\x23-\x26\x28-\x5f\x61-\x7e]+$/;
/** Values that only name the field or stand in for it: `mypassword`, `password123`, `secret_1`, `P@ssw0rd`. */
const NAMED = /^[a-z_-]{0,12}(?:pass|passwd|password|passwort|pwd|secret|changeme|changeit|letmein|default|example|sample|test|dummy|fake|foo|bar|baz|qwerty|abc|xyz)[a-z_-]{0,12}[\d_!.-]{0,4}$/i;
/** Masks and typing placeholders: `******`, `xxxxxx`, `........`, `<password>`. */
const MASK = /^(.)\1+$|^[*x.•]+$|^<[^>]*>$|^\[[^\]]*\]$/i;
/** Words and letters only: labels (`Password`, `Contrasena`), i18n keys and the like; a password mixes in something else. */
const LETTERS_ONLY = /^[A-Za-z]{1,16}$/;
/** A format or template marker the general reference check does not know: `%{password}`, `:password`, `@password@`. */
const TEMPLATE = /%\{|^:[a-z_]+$|^@{1,2}\w+@{1,2}$|^\$\w+\$$|^__\w+__$/i;

/**
 * Why a literal assigned to a password-named key cannot be the password, or undefined when it may
 * be. No entropy floor: `hunter22` and `4ian1234` are findings. Code, templates, labels and
 * placeholder words are not.
 */
export function passwordValueReason(value: string, name: string): string | undefined {
  if (value.length > 128) return "too long";
  if (!PASSWORD_CHARS.test(value)) return "not a password shape";
  const general = nonSecretReason(value);
  // Words with digits or symbols (`hunter22`, `mysql4ever`) are classic passwords, not identifiers,
  // unless they hold a path or member separator.
  const mayBeWords = general === "identifier" && (/\d|[^\w./:#-]/.test(value) || isHighEntropy(value, 12)) && !/[./:]/.test(value);
  if (general !== undefined && !mayBeWords) return general;
  if (MASK.test(value) || TEMPLATE.test(value)) return "placeholder";
  if (LETTERS_ONLY.test(value)) return "word";
  const lower = value.toLowerCase();
  if (NAMED.test(value)) return "placeholder word";
  // The key written again (`password: "user_password"`, `pwd = "pwdField"`).
  const field = name.toLowerCase().replace(/^[$@:]+/, "");
  if ((field !== "" && lower.includes(field)) || /passw|pwd/.test(lower)) return "names the field";
  return undefined;
}
