import { nextSecretWord } from "../secret-names.js";
import type { ConfigFormat } from "../../model/path.js";

/** A key and its literal value, with the value's offsets in the text. */
export interface KeyValue {
  readonly key: string;
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The syntaxes pairs are read in: a configuration format, or `text` for every other file (notes,
 * logs, backups, documentation, files without an extension), where any of the common forms may be.
 */
export type PairSyntax = ConfigFormat | "text";

/** Where a line's key ends and its value begins, per line-oriented syntax. */
const KEY_AT: Partial<Record<PairSyntax, readonly RegExp[]>> = {
  env: [/^\s*(?:export\s+|set\s+)?([A-Za-z_][\w.-]*)\s*=\s*/],
  dockerfile: [/^\s*(?:ENV|ARG)\s+([A-Za-z_]\w*)\s*=\s*/i, /^\s*ENV\s+([A-Za-z_]\w*)\s+(?=[^\s=]+\s*$)/i],
  properties: [/^\s*([^\s=:#!][^=:\s]*)\s*[=:]\s*/],
  // `key = value`, and `key "value"` (game-server .cfg, ircd and nginx-style .conf files).
  ini: [/^\s*["']?([^\s=#;[\]"'][^=]{0,200}?)["']?\s*=\s*/, /^[ \t]*([A-Za-z_][\w.-]{0,80})[ \t]+(?=["'])/],
  toml: [/^\s*["']?([^\s=#[\]"'][^=]{0,200}?)["']?\s*=\s*/],
  terraform: [/^\s*"?([A-Za-z_][\w-]*)"?\s*=\s*/],
  yaml: [/^\s*-\s+["']?([A-Za-z_][\w.-]*)=/, /^\s*(?:-\s+)?["']?([A-Za-z_$][\w.\-/$]*)["']?\s*:(?:\s+|$)/],
  // `name = value`, `name: value`, `name => value`, `name := value`, quoted or not, after an
  // optional list marker, `export`/`set`/`$env:`, or an INI-style indentation; `[section]` lines pass.
  text: [
    /^[ \t]*(?:[-*>+][ \t]+)?(?:export[ \t]+|set[ \t]+|setx[ \t]+|\$env:)?["'`]?([A-Za-z_$@][\w.\-$@/]{0,80})["'`]?[ \t]*(?::=|=>|=|:)[ \t]*/,
    /^[ \t]*([A-Za-z_][\w.-]{0,80})[ \t]+(?=["'])/,
  ],
};
/** `name=value` or `name: value` further along a line (logs, query strings, command lines): `… user=app password=hunter22 …`. */
const INLINE_PAIR = /(?<=[\s,;&?(])([A-Za-z_][\w.-]{0,60})(?:[ \t]?=[ \t]?|:[ \t])("[^"\n]{1,500}"|'[^'\n]{1,500}'|[^\s,;&"'()]{1,500})/g;
// Keys whose value is named by a sibling line: Kubernetes `- name: X` / `value: …`, Terraform `variable "x" { default = … }`.
const INDIRECT_KEYS = new Set(["value", "default", "Value"]);
const NAME_LINE = /^\s*(?:-\s+)?(?:name|Name|key)\s*[:=]\s*["']?([\w.-]+)|^\s*variable\s+"([\w-]+)"/;
const MAX_LINE = 4000;
// Markers after which a YAML value is a structure or a multi-line scalar, read by other detectors.
const NOT_SCALAR = /^(?:[{[|>&*]|<<)/;

/** Key/value pairs of a line-oriented config text (.env, Dockerfile, .properties, INI, TOML, Terraform, YAML). */
export function linePairs(text: string, format: PairSyntax): KeyValue[] {
  const patterns = KEY_AT[format];
  if (patterns === undefined) return [];
  const out: KeyValue[] = [];
  let name: { value: string; line: number } | undefined;
  let lineNo = 0;
  // Only lines holding a secret-name word (and the few after a secret-named `name:` line) can
  // yield a candidate: the others are skipped without being cut out of the text.
  let hit = nextSecretWord(text, 0);
  for (let at = 0; at < text.length; lineNo++) {
    const next = text.indexOf("\n", at);
    const lineEnd = next < 0 ? text.length : next;
    if (hit >= 0 && hit < at) hit = nextSecretWord(text, at);
    const relevant = (hit >= 0 && hit < lineEnd) || (name !== undefined && lineNo - name.line <= 3);
    if (!relevant) {
      if (hit < 0 && name === undefined) break;
      at = lineEnd + 1;
      continue;
    }
    const line = text.slice(at, lineEnd);
    if (line.length <= MAX_LINE) {
      const named = NAME_LINE.exec(line);
      if (named !== null) name = { value: named[1] ?? named[2] ?? "", line: lineNo };
      const pair = pairOfLine(line, patterns, format);
      if (pair !== undefined) {
        const indirect = INDIRECT_KEYS.has(pair.key) && name !== undefined && lineNo - name.line <= 3;
        out.push({ ...pair, key: indirect && name !== undefined ? name.value : pair.key, start: at + pair.start, end: at + pair.end });
      }
      if (format === "text") for (const inline of inlinePairs(line, pair)) out.push({ ...inline, start: at + inline.start, end: at + inline.end });
    }
    at = lineEnd + 1;
  }
  return out;
}

/** The `name=value` pairs of a line besides the one its start holds. */
function* inlinePairs(line: string, first: KeyValue | undefined): Generator<KeyValue> {
  INLINE_PAIR.lastIndex = 0;
  for (let m = INLINE_PAIR.exec(line); m !== null; m = INLINE_PAIR.exec(line)) {
    const raw = m[2] ?? "";
    const quoted = raw.startsWith('"') || raw.startsWith("'");
    const start = m.index + m[0].length - raw.length + (quoted ? 1 : 0);
    const value = quoted ? raw.slice(1, -1) : raw;
    if (first !== undefined && start < first.end && first.start < start + value.length) continue;
    yield { key: m[1] ?? "", value, start, end: start + value.length };
  }
}

function pairOfLine(line: string, patterns: readonly RegExp[], format: PairSyntax): KeyValue | undefined {
  for (const pattern of patterns) {
    const m = pattern.exec(line);
    if (m === null) continue;
    const value = valueAt(line, m[0].length, format);
    return value === undefined ? undefined : { key: m[1] ?? "", ...value };
  }
  return undefined;
}

/** The literal value starting at `at`: quoted (without its quotes) or bare up to a comment. */
export function valueAt(line: string, at: number, format: PairSyntax): { value: string; start: number; end: number } | undefined {
  const quote = line[at];
  if (quote === '"' || quote === "'" || quote === "`") {
    let end = at + 1;
    while (end < line.length && line[end] !== quote) end += line[end] === "\\" && quote === '"' ? 2 : 1;
    if (end >= line.length) return undefined;
    return { value: line.slice(at + 1, end), start: at + 1, end };
  }
  if ((format === "yaml" || format === "text") && NOT_SCALAR.test(line.slice(at))) return undefined;
  let end = line.length;
  const comment = format === "properties" ? -1 : line.slice(at).search(/\s[#;]/);
  if (comment >= 0) end = at + comment;
  while (end > at && /[\s,;\r]/.test(line[end - 1] ?? "")) end--;
  return end > at ? { value: line.slice(at, end), start: at, end } : undefined;
}
