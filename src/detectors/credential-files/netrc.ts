import type { CredentialField } from "./field.js";

const HOST_WORDS = new Set(["machine", "poll", "via", "default", "host"]);
const USER_WORDS = new Set(["login", "user", "username"]);
// Anonymous FTP (RFC 1635): the password is, by convention, the user's e-mail address, not a secret.
const ANONYMOUS = /^(?:anonymous|ftp)$/i;
// Words whose next token is a value: a value is never read as a keyword (a password `login` stays a password).
const VALUE_WORDS = new Set(["machine", "poll", "via", "host", "login", "user", "username", "password", "passwd", "pass", "account"]);
const TOKEN = /"((?:[^"\\\n]|\\.){0,500})"|(\S{1,500})/g;

/**
 * Values of token-stream credential files: `.netrc`/`_netrc` (one-line or one token pair per line)
 * and `.fetchmailrc` (double-quoted strings). Each value carries the machine and login before it.
 */
export function netrcFields(text: string): CredentialField[] {
  const out: CredentialField[] = [];
  let host: string | undefined;
  let user: string | undefined;
  let pending: string | undefined;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const token = m[1] ?? m[2] ?? "";
    if (pending === undefined && token.startsWith("#")) {
      // A comment runs to the end of its line.
      const eol = text.indexOf("\n", m.index);
      TOKEN.lastIndex = eol < 0 ? text.length : eol;
      continue;
    }
    if (pending === undefined) {
      const word = token.toLowerCase();
      if (word === "default") [host, user] = ["default", undefined];
      if (word === "macdef") skipMacro(text);
      else if (VALUE_WORDS.has(word)) pending = word;
      continue;
    }
    const quoted = m[1] !== undefined;
    const start = m.index + (quoted ? 1 : 0);
    const value = quoted ? token.replace(/\\(.)/g, "$1") : token;
    if (HOST_WORDS.has(pending)) [host, user] = [value, undefined];
    else if (USER_WORDS.has(pending)) user = value;
    else if (user === undefined || !ANONYMOUS.test(user))
      out.push({ key: pending, value, start, end: start + token.length, ...(user === undefined ? {} : { user }), ...(host === undefined ? {} : { host }) });
    pending = undefined;
  }
  return out;
}

/** A `macdef` body runs to the next empty line. */
function skipMacro(text: string): void {
  const blank = text.indexOf("\n\n", TOKEN.lastIndex);
  TOKEN.lastIndex = blank < 0 ? text.length : blank;
}
