/**
 * A line that is a comment (`#`, `//`, `/*`, ` * `, `-- `, `;`, `' `): its values are usage samples.
 * `--` and `'` need a space after them, or `--password=…` and PHP's `'key' => …` would be comments.
 */
const COMMENT_LINE = /^\s*(?:#(?![!{])|\/\/|\/\*|\*|--\s|;|'\s)/;

/** Whether a line (or its text up to a value) is a comment. */
export function isCommentLine(line: string): boolean {
  return COMMENT_LINE.test(line);
}
