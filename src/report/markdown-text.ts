// Markdown escaping shared by the markdown report and its sections.

/** A code span that survives any content: a fence longer than any backtick run, no line breaks, pipes escaped for tables. */
export function code(value: string): string {
  const flat = value.replace(/[\r\n]+/g, " ").replace(/\|/g, "\\|");
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || flat.startsWith(" ") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Inline text with the Markdown and HTML punctuation that matters mid-line escaped (never at a line start here). */
export function text(value: string): string {
  return value.replace(/[\r\n]+/g, " ").replace(/[\\`*_[\]<>|&~]/g, "\\$&");
}
