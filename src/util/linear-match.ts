import { setFlagsFromString } from "node:v8";

// Patterns a scanned repository supplies (CODEOWNERS lines, ignore and exclude globs, allowlist
// regexes) are matched with V8's non-backtracking engine: time linear in the path or value,
// whatever the pattern (`*a*a*a*a*a*a*b` against a 200-character name never finished before).

let engineReady = false;

/**
 * Compiles `source` for V8's linear-time engine (the `l` flag). Throws a SyntaxError when the
 * pattern needs backtracking (look-around, back-references, counted repetition).
 */
export function linearRegex(source: string, flags = ""): RegExp {
  if (!engineReady) {
    // A V8 option, process-wide; it only makes the `l` flag available, nothing else changes.
    setFlagsFromString("--enable-experimental-regexp-engine");
    engineReady = true;
  }
  return new RegExp(source, `${flags}l`);
}

/** Why `source` cannot be matched in linear time, or undefined when it can. */
export function linearRegexProblem(source: string): string | undefined {
  try {
    linearRegex(source);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^Invalid regular expression: /, "") : String(error);
  }
}

/**
 * Globs (picomatch syntax with `dot: true`: `*`, `?`, `**` segments, `[...]` classes, `{a,b}`,
 * `@(a|b)`-style extglobs, `\` escapes, a leading `!` to negate) as one linear-time test of a
 * posix path. `!(…)` extglobs are taken literally: negation needs look-ahead.
 */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const positive = globs.filter((g) => !g.startsWith("!"));
  const negative = globs.filter((g) => g.startsWith("!")).map((g) => g.slice(1));
  const any = positive.length === 0 ? undefined : linearRegex(`^(?:${positive.map((g) => globSource(g)).join("|")})$`);
  const none = negative.map((g) => linearRegex(`^(?:${globSource(g)})$`));
  if (any === undefined && none.length === 0) return () => false;
  // As picomatch does, a path spelled exactly as a glob matches it (`[id].ts` names a file).
  const literal = new Set(positive);
  return (path) => literal.has(path) || (any?.test(path) ?? false) || none.some((re) => !re.test(path));
}

const EXTGLOB: Readonly<Record<string, string>> = { "@": "", "?": "?", "+": "+", "*": "*" };

/** One glob as regex source (no anchors); `gitignore` syntax has no braces or extglobs. */
export function globSource(glob: string, syntax: "picomatch" | "gitignore" = "picomatch"): string {
  const pattern = glob.startsWith("./") ? glob.slice(2) : glob;
  const extended = syntax === "picomatch";
  const braces = extended && balanced(pattern, "{", "}");
  let re = "";
  // Open groups: a brace, or an extglob with the quantifier its `)` takes.
  const groups: { readonly brace: boolean; readonly quantifier: string }[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? "";
    const segmentStart = i === 0 || pattern[i - 1] === "/";
    if (ch === "*" && segmentStart && pattern[i + 1] === "*" && (i + 2 === pattern.length || pattern[i + 2] === "/")) {
      if (i + 2 === pattern.length) {
        // `a/**` is `a` and everything below it; a lone `**` is everything.
        re = i === 0 ? ".*" : `${re.slice(0, -1)}(?:/.*)?`;
        i += 1;
      } else {
        re += "(?:.*/)?";
        i += 2;
      }
    } else if (extended && ch in EXTGLOB && pattern[i + 1] === "(" && balanced(pattern.slice(i + 1), "(", ")")) {
      groups.push({ brace: false, quantifier: EXTGLOB[ch] ?? "" });
      re += "(?:";
      i += 1;
    } else if (ch === "*") {
      while (pattern[i + 1] === "*") i++;
      re += "[^/]*";
    } else if (ch === "?") {
      re += "[^/]";
    } else if (ch === "[") {
      const close = classEnd(pattern, i);
      if (close < 0) re += "\\[";
      else {
        re += classSource(pattern.slice(i + 1, close));
        i = close;
      }
    } else if (ch === "{" && braces) {
      groups.push({ brace: true, quantifier: "" });
      re += "(?:";
    } else if ((ch === "," && groups.at(-1)?.brace === true) || (ch === "|" && groups.at(-1)?.brace === false)) {
      re += "|";
    } else if ((ch === "}" && groups.at(-1)?.brace === true) || (ch === ")" && groups.at(-1)?.brace === false)) {
      re += `)${groups.pop()?.quantifier ?? ""}`;
    } else if (ch === "\\" && i + 1 < pattern.length) {
      re += escapeChar(pattern[++i] ?? "");
    } else {
      re += escapeChar(ch);
    }
  }
  return re + groups.map((g) => `)${g.quantifier}`).join("");
}

function balanced(text: string, open: string, close: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === open) depth++;
    else if (text[i] === close && --depth < 0) return false;
  }
  return depth === 0 && text.includes(open);
}

/** Index of the `]` closing the class opened at `open`, or -1. */
function classEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === "!" || pattern[i] === "^") i++;
  if (pattern[i] === "]") i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === "\\") i++;
    else if (pattern[i] === "]") return i;
  }
  return -1;
}

/** A glob class body as a regex class that never matches `/`. */
function classSource(body: string): string {
  const negated = body.startsWith("!") || body.startsWith("^");
  const members = (negated ? body.slice(1) : body).replace(/\[:(alnum|alpha|digit|lower|upper|space):\]/g, (_m, name: string) => POSIX[name] ?? "");
  // A leading `]` is a member; in a regex it would close the class.
  const inner = members.startsWith("]") ? `\\${members}` : members;
  return negated ? `[^/${inner}]` : `[${inner}]`;
}

const POSIX: Readonly<Record<string, string>> = { alnum: "a-zA-Z0-9", alpha: "a-zA-Z", digit: "0-9", lower: "a-z", upper: "A-Z", space: " \\t" };

function escapeChar(ch: string): string {
  return /[.+^${}()|[\]\\*?]/.test(ch) ? `\\${ch}` : ch;
}
