import type { Fragment } from "../model/fragment.js";

const NOTEBOOK = /\.ipynb$/i;
const JSON_FILE = /\.(?:json|jsonc|json5|jsonl|ndjson)$/i;
const JSON_QUOTE = /\\"/g;
const JSON_ESCAPE = /\\(["\\/nrt])/g;
const UNESCAPED: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t" };

/**
 * The text that rules should read. Notebook cells are JSON strings, so code quotes arrive as `\"`
 * and line breaks as `\n`, which patterns written for source code do not expect. Each two-character
 * escape becomes a space and the character it stands for: offsets stay those of the original text.
 */
export function scanView(fragment: Fragment): string {
  if (!fragment.text.includes("\\")) return fragment.text;
  if (NOTEBOOK.test(fragment.path)) return fragment.text.replace(JSON_ESCAPE, (_escape, c: string) => ` ${UNESCAPED[c] ?? c}`);
  // Other JSON (scripts in package.json, tasks, API payloads, JSON logs) quotes commands and
  // headers as `\"`; line breaks stay escaped there, where `\n`-joined key blocks have their own rule.
  if (JSON_FILE.test(fragment.path) && fragment.text.includes('\\"')) return fragment.text.replace(JSON_QUOTE, ' "');
  return fragment.text;
}
