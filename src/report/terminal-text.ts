// Text from scanned content (paths, values, author names, plugin rule names) is printed to
// terminals: a raw ESC, C1 control or bidi override there can retitle the window, erase or hide
// report lines, or reorder what the reader sees. These helpers make such characters visible.

/**
 * C0 controls, DEL, C1 controls, the bidi controls (embeddings, overrides, isolates, marks), the
 * invisible ones (zero-width space, joiners, word joiner, BOM) that make two names look alike,
 * and the line and paragraph separators that break a line where none shows.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const HAS_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
/** The same set minus the C0 range, which JSON.stringify already escapes. */
const UNSAFE_AFTER_JSON = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, "0");

/** `\x1b`, `\u202e`…: every control and bidi character of `text` spelled out, the rest unchanged. */
export function visibleText(text: string): string {
  return text.replace(UNSAFE, (c) => (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/** Like `visibleText`, but keeps line breaks: for multi-line blocks of printed text. */
export function visibleLines(text: string): string {
  return text.split("\n").map(visibleText).join("\n");
}

/**
 * JSON text with DEL, C1 and bidi characters written as `\u` escapes: the same JSON value, but
 * nothing in the bytes a terminal would act on (JSON.stringify escapes only C0).
 */
export function terminalSafeJson(json: string): string {
  return json.replace(UNSAFE_AFTER_JSON, (c) => `\\u${hex(c, 4)}`);
}

/**
 * A deep copy of a value (a report) with every string, and every object key, made visible:
 * what the human-readable formats render, so that no field can carry a raw control character.
 */
export function visibleDeep<T>(value: T): T {
  return mapStrings(value) as T;
}

function mapStrings(value: unknown): unknown {
  if (typeof value === "string") return HAS_UNSAFE.test(value) ? visibleText(value) : value;
  if (Array.isArray(value)) return value.map(mapStrings);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [visibleText(k), mapStrings(v)]));
  }
  return value;
}
