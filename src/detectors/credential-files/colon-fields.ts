import type { CredentialField } from "./field.js";

/**
 * Colon-separated records, one per line: `.pgpass` (`host:port:database:user:password`, with `\:`
 * and `\\` escapes, the password running to the end of the line) and `user:hash:…` files
 * (`.htpasswd`, `/etc/shadow`, ftpd passwd files). The key of each field is its column number;
 * `user` is the column of the user name, when the format has one.
 */
export function colonFields(text: string, lastColumn: number, userColumn: number): CredentialField[] {
  const out: CredentialField[] = [];
  for (let at = 0; at < text.length; ) {
    const next = text.indexOf("\n", at);
    const lineEnd = next < 0 ? text.length : next;
    if (!/^\s*(?:#|$)/.test(text.slice(at, Math.min(lineEnd, at + 64)))) out.push(...lineFields(text, at, lineEnd, lastColumn, userColumn));
    at = lineEnd + 1;
  }
  return out;
}

function lineFields(text: string, from: number, to: number, lastColumn: number, userColumn: number): CredentialField[] {
  const cells: { value: string; start: number; end: number }[] = [];
  let value = "";
  let start = from;
  let i = from;
  for (; i < to; i++) {
    const ch = text[i];
    if (ch === "\r" && i === to - 1) break;
    if (ch === "\\" && i + 1 < to) {
      value += text[++i];
    } else if (ch === ":" && cells.length < lastColumn) {
      cells.push({ value, start, end: i });
      value = "";
      start = i + 1;
    } else value += ch;
  }
  cells.push({ value, start, end: i });
  // The last column of a `.pgpass` line is the rest of the line; for `user:hash:…` files only the hash matters.
  const user = cells[userColumn]?.value;
  return cells.map((cell, column) => ({ key: String(column), ...cell, ...(user === undefined || column === userColumn ? {} : { user }) }));
}
