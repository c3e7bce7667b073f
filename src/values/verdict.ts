import type { ValueDropReason, ValueVerdict } from "../model/value.js";
import { wellKnownPublic } from "./well-known-public.js";

// The one value model: what a candidate value assigned to a credential-named key is. Only the
// closed list of `ValueDropReason`s drops a value (counted in the report's suppressions); a weak
// value (a word, a default, short) is a finding with `weak: true`, never dropped.

/**
 * References to a value held elsewhere: CI and template expressions, shell and Make variables,
 * format strings, environment lookups, secret-manager URIs, infrastructure-as-code expressions, and
 * calls that compute the value at run time (`os.urandom(24)`, `SecureRandom.hex(64)`).
 */
export const REFERENCE =
  /\$\{|\$\(|\{\{|\{%|%\([\w.-]+\)[sd]|(?:^|[^A-Za-z0-9%])%[sdrvq](?![A-Za-z0-9])|#\{|<%|@Microsoft\.KeyVault\(|\{\{resolve:|^\{.*\}$|\{[A-Za-z_][\w.]*\}|^\$[A-Za-z_]\w*$|^%[A-Za-z_]\w*%$|^(?:vault|ref\+\w+|op|sm|awssm|gcpsm|azkv|secret|secrets|env|file|k8s|doppler|infisical|bws):\/?\/?[\w./-]|^vault:|arn:aws:(?:secretsmanager|ssm|kms):|^projects\/[\w-]+\/secrets\/|process\.env|os\.environ|os\.getenv|System\.getenv|getenv\(|ENV\[|ENV\.fetch|Environment\.GetEnvironmentVariable|^!(?:Ref|Sub|GetAtt|ImportValue)\b|^[A-Za-z_$][\w$]*(?:(?:\.|::)[A-Za-z_$][\w$]*)*\(.*\)$|^(?:var|local|data|module|each)\.[\w.[\]"-]+$/;
/** A format or template marker: `%{password}`, `:password`, `@password@`, `$password$`, `__TOKEN__`, `<%= … %>`. */
const TEMPLATE = /%\{|^:[a-z_]+$|^@{1,2}\w+@{1,2}$|^\$\w+\$$|^__\w+__$|<%=?[^%]*%>|^\{\{.*\}\}$/i;
/**
 * Masks and typing placeholders: `******`, `xxxxxx`, `••••`, `<password>`, `[token]`, `<redacted>`,
 * `your-api-key`, `insert_token_here`: the value is not there.
 */
const MASK =
  /^(.)\1+$|^[*x.•#]+$|\*{4}|x{5}|X{5}|^<[^>]*>$|^\[[^\]]*\]$|^\(?redacted\)?$|^(?:your|my|insert|enter|put|add)[_-]?(?:own[_-]?)?[a-z_-]{0,20}(?:key|token|secret|password|pass|pwd|here)(?:[_-]?here)?$/i;
/** No value: empty, null-like or a bare type name. */
const EMPTY = /^(?:|null|nil|none|undefined|~|""|''|string|str)$/i;

/** Common default and dictionary passwords, compared after undoing leetspeak. */
const COMMON =
  /^(?:pass(?:word|wd|w0rd)?|secret|admin(?:istrator)?|root|toor|guest|user|test(?:ing)?|demo|default|changeme|changeit|letmein|welcome|qwerty(?:uiop)?|asdf(?:gh)?|abc|iloveyou|monkey|dragon|master|login|trustno1|sunshine|princess|football|baseball|shadow|superman|hello|secure|private|access|manager|oracle|postgres|mysql|redis|rabbit(?:mq)?|sa|system|support|service|app|application|dev(?:eloper)?|staging|prod(?:uction)?|temp|tmp)[\d!@#$%^&*._-]{0,6}$/i;
/** Words and letters only, all of one case or capitalised: a dictionary word or a name. */
const WORDY = /^[A-Za-z]+$/;
const KEYBOARD = /^(?:1234|12345|123456|1234567|12345678|123456789|1234567890|0987654321|111111|000000|121212|654321|666666|696969|112233)/;

/** `p4ssw0rd` reads as `password`. */
function unleet(value: string): string {
  return value.replace(/[4@]/g, "a").replace(/3/g, "e").replace(/[1!]/g, "i").replace(/0/g, "o").replace(/[5$]/g, "s").replace(/7/g, "t");
}

const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * The key's name written as its value as a stand-in: `api_key=API_KEY`, `"token": "TOKEN"`,
 * `dbPassword: dbPassword`. A single lower-case word repeated (`password=password`) is a weak
 * password people really use, not a stand-in.
 */
function isOwnName(value: string, key: string): boolean {
  if (key === "" || normalise(value) !== normalise(key.replace(/^.*[.:/]/, "")) || normalise(value) === "") return false;
  // Identifier spellings (`API_KEY`, `apiKey`, `api-key`) and the capitalised label (`Password`).
  return /[_.-]/.test(value) || /^[A-Z0-9]+$/.test(value) || /[a-z][A-Z]/.test(value) || /^[A-Z][a-z]+$/.test(value);
}

/** Whether a value is guessable: short, a dictionary word, a default, digits only, a keyboard run. */
export function isWeakValue(value: string): boolean {
  if (value.length < 8 || WORDY.test(value) || /^\d+$/.test(value)) return true;
  const plain = unleet(value);
  return COMMON.test(value) || COMMON.test(plain) || KEYBOARD.test(value) || /^[a-z]+\d{1,4}[!@#$%^&*.]?$/i.test(value);
}

/** The reason a value is no credential at all, or undefined. */
export function valueDropReason(value: string, key = ""): ValueDropReason | undefined {
  const trimmed = value.trim();
  if (EMPTY.test(trimmed)) return "empty";
  if (wellKnownPublic(trimmed) !== undefined) return "public-sample";
  if (TEMPLATE.test(trimmed)) return "template";
  if (REFERENCE.test(trimmed)) return "reference";
  if (MASK.test(trimmed)) return "mask";
  if (isOwnName(trimmed, key)) return "own-name";
  return undefined;
}

/** The verdict on a candidate value assigned to the key `key` (empty when the key is not known). */
export function valueVerdict(value: string, key = ""): ValueVerdict {
  const reason = valueDropReason(value, key);
  if (reason !== undefined) return { verdict: "drop", reason };
  return isWeakValue(value) ? { verdict: "weak" } : { verdict: "credential" };
}
