/** Shannon entropy of a string in bits per character. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * Maps offsets to 1-based line and column. Built lazily once per fragment with findings;
 * `\r\n`, `\n` and a lone `\r` each end a line.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  /** 1-based line and column of an offset. */
  locate(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }

  /** Start and end offsets (end exclusive, without the line break) of a 1-based line. */
  lineBounds(text: string, line: number): { start: number; end: number } {
    const start = this.starts[line - 1] ?? text.length;
    let end = this.starts[line] ?? text.length;
    while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
    return { start, end };
  }
}

/**
 * Merged windows `[from, to)` of whole lines around ascending positions in a text: each position's
 * line with `before` lines above and `after` lines below. Windows start after a line break and end
 * at one (or at the text's ends), and a position on a line already covered is passed over without
 * re-reading the line, so a long minified line costs one read, not one per position.
 */
export function* lineWindows(text: string, positions: Iterable<number>, before: number, after: number): Generator<{ from: number; to: number }> {
  let from = -1;
  let to = -1;
  let lineEnd = -1;
  for (const at of positions) {
    if (at < lineEnd) continue;
    lineEnd = nextBreak(text, at);
    let end = lineEnd;
    for (let k = 0; k < after && end < text.length; k++) end = nextBreak(text, end + 1);
    if (at < to) {
      to = Math.max(to, end);
      continue;
    }
    let start = text.lastIndexOf("\n", at - 1) + 1;
    for (let k = 0; k < before && start > 0; k++) start = start < 2 ? 0 : text.lastIndexOf("\n", start - 2) + 1;
    if (start <= to) to = Math.max(to, end);
    else {
      if (from >= 0) yield { from, to };
      from = start;
      to = end;
    }
  }
  if (from >= 0) yield { from, to };
}

/** Offset of the next line break at or after `at`, or the text's length. */
function nextBreak(text: string, at: number): number {
  const found = text.indexOf("\n", at);
  return found < 0 ? text.length : found;
}

/** A literal as a regular expression source (every metacharacter escaped). */
export function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
