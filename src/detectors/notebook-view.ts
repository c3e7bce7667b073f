import type { Fragment } from "../model/fragment.js";

const NOTEBOOK = /\.ipynb$/i;
const JSON_ESCAPE = /\\(["\\/nrt])/g;
const UNESCAPED: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t" };

/**
 * The text that rules should read. Notebook cells are JSON strings, so code quotes arrive as `\"`
 * and line breaks as `\n`, which patterns written for source code do not expect. Each two-character
 * escape becomes a space and the character it stands for: offsets stay those of the original text.
 */
export function scanView(fragment: Fragment): string {
  if (!NOTEBOOK.test(fragment.path) || !fragment.text.includes("\\")) return fragment.text;
  return fragment.text.replace(JSON_ESCAPE, (_escape, c: string) => ` ${UNESCAPED[c] ?? c}`);
}
