/**
 * Rule keywords: literals matched case-insensitively (ASCII). A keyword written `\b…` must start
 * a word (the character before it is not a letter, digit or `_`), as in the rule's pattern: the
 * keyword pass finds the literal, and V8 drops the occurrences inside a word, so `\bdd_` passes
 * `DD_API_KEY` but not `add_item`, on every engine alike.
 */
const WORD_START = "\\b";

/** A rule keyword split into the literal the engine searches and whether it must start a word. */
export function parseKeyword(keyword: string): { readonly literal: string; readonly wordStart: boolean } {
  return keyword.startsWith(WORD_START) ? { literal: keyword.slice(WORD_START.length), wordStart: true } : { literal: keyword, wordStart: false };
}

/** Whether the code unit is a regex word character (`\w` without the u flag). */
export function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** Whether a keyword occurs in a text as the prefilter finds it (examples, reference text). */
export function keywordOccursIn(keyword: string, text: string): boolean {
  const { literal, wordStart } = parseKeyword(keyword);
  const lower = text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
  for (let at = lower.indexOf(literal); at >= 0; at = lower.indexOf(literal, at + 1)) {
    if (!wordStart || at === 0 || !isWordChar(lower.charCodeAt(at - 1))) return true;
  }
  return false;
}
