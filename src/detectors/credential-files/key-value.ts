import { valueAt } from "../config-formats/line-pairs.js";
import type { CredentialField } from "./field.js";

const SECTION = /^\s*\[([^\]\n]{1,200})\]\s*$/;
// `//` is no comment here: `.npmrc` keys start with it (`//registry.npmjs.org/:_authToken=…`).
const COMMENT = /^\s*(?:[#;!]|$)/;
// `set smtp_pass = …` (muttrc), `export X=…`: the word before the key is syntax, not part of it.
const LEADING = /^\s*(?:set|export)\s+/;
// Keys without `=`: `password secret` (msmtprc, esmtprc) or `key: value` (properties-like).
const SPACED = /^\s*([^\s=:]{1,200})(?:\s*:\s+|\s+)(?=\S)/;
const MAX_LINE = 4000;

/**
 * Key/value lines of INI-like credential files (.my.cnf, .pypirc, AWS credentials, .s3cfg, .boto,
 * rclone.conf, WinSCP.ini, .npmrc, msmtprc, muttrc, gradle.properties): `key = value`, `key: value`
 * or `key value`, under `[section]` headers. Every pair is returned; the format table picks the secret ones.
 */
export function keyValueFields(text: string): CredentialField[] {
  const out: CredentialField[] = [];
  let section: string | undefined;
  for (let at = 0; at < text.length; ) {
    const next = text.indexOf("\n", at);
    const lineEnd = next < 0 ? text.length : next;
    const line = text.slice(at, lineEnd);
    const field = line.length <= MAX_LINE && !COMMENT.test(line) ? pairOf(line, section) : undefined;
    if (field !== undefined) out.push({ ...field, start: at + field.start, end: at + field.end });
    else section = SECTION.exec(line)?.[1]?.trim() ?? section;
    at = lineEnd + 1;
  }
  return out;
}

function pairOf(line: string, section: string | undefined): CredentialField | undefined {
  if (SECTION.test(line)) return undefined;
  const lead = LEADING.exec(line)?.[0].length ?? 0;
  const equals = line.indexOf("=", lead);
  let key: string;
  let valueFrom: number;
  if (equals > lead) {
    key = line.slice(lead, equals).trim();
    valueFrom = equals + 1;
  } else {
    const m = SPACED.exec(line.slice(lead));
    if (m === null) return undefined;
    key = m[1] ?? "";
    valueFrom = lead + m[0].length;
  }
  while (line[valueFrom] === " " || line[valueFrom] === "\t") valueFrom++;
  const value = valueAt(line, valueFrom, "ini");
  key = key.replace(/^["']|["']$/g, "");
  if (value === undefined || key === "") return undefined;
  return { key, ...value, ...(section === undefined ? {} : { path: [section] }) };
}
