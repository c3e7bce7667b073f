import type { Candidate } from "../model/finding.js";
import type { Confidence } from "../model/rule.js";
import type { Detector } from "./detector.js";
import type { PathContext } from "../model/path.js";
import { CONTEXT_CONFIDENCE, classifyPath, pathContextOf } from "../paths/classify.js";
import { isCommentLine } from "./comment-line.js";
import { isWeakWord, passwordValueReason } from "./password-value.js";
import { providerRuleCovers } from "./rule-overlap.js";
import { secretNameKind } from "./secret-names.js";

/** Where a password-named identifier may be: its words without the letters that join words. */
const PASSWORD_WORD = /p(?:ass|wd|swd)/gi;
const NAME_CHAR = /[\w.$-]/;
const NAME_TAIL_CHAR = /[\w-]/;
/**
 * After a password-named identifier: an optional closing quote or bracket (dict keys, symbols),
 * an optional type annotation or C# accessor list, an assignment, key or comparison operator, an optional string
 * prefix, then a one-line string literal. Sticky: tried only at the end of such a name.
 */
const AFTER_NAME =
  /(["'\]]{0,2})\s{0,4}(?::\s{0,4}[\w<>[\]|?&]{1,30}\s{0,4})?(?:\{\s{0,4}get;\s{0,4}(?:(?:private\s+)?(?:set|init);\s{0,4})?\}\s{0,4})?(===?|!==?|:=|=>|\?\?=|\|\|=|=|:|\.equals\(|\s-(?:eq|ne)\s|,)\s{0,4}(?:[bBrRuU@]{1,2})?(\\?["'`])([^"'`\s\\]{1,200})\3/y;
/** A literal compared with the name from the left: `"hunter22" == password`. */
const LITERAL_BEFORE = /(["'`])([^"'`\s\\]{1,200})\1\s{0,4}(?:===?|!==?)\s{0,4}$/;
/** `PASSWORD=hunter22` unquoted in shell scripts and Makefiles. */
const SHELL_VALUE = /=([^\s"'`;|&$()#]{1,128})(?=[ \t]*(?:$|[;#\n]))/y;
const SHELL_FILE = /\.(?:sh|bash|zsh|ksh|env)$|(?:^|\/)Makefile$/;

interface Literal {
  readonly name: string;
  readonly value: string;
  readonly start: number;
}

function nameAround(text: string, at: number): { start: number; end: number } {
  let start = at;
  let end = at;
  while (start > 0 && NAME_CHAR.test(text[start - 1] ?? "")) start--;
  // Forward, a dot ends the name: `pwd.equals("…")` compares `pwd`.
  while (end < text.length && NAME_TAIL_CHAR.test(text[end] ?? "")) end++;
  return { start, end };
}

/** The literal assigned to, keyed by or compared with the name at `start..end`, if any. */
function literalAt(text: string, path: string, start: number, end: number): Literal | undefined {
  const name = text.slice(start, end);
  AFTER_NAME.lastIndex = end;
  const m = AFTER_NAME.exec(text);
  // A name inside a string (`"Password: "`) is prose unless the string closes right after it (a quoted key).
  const open = text[start - 1] ?? "";
  if (m !== null && (!/["'`]/.test(open) || m[1]?.startsWith(open) === true)) {
    // Two arguments (`define('DB_PASSWORD', '…')`) only when the name itself is a quoted string.
    const quoted = m[1] !== "" && text[start - 1] === m[1]?.charAt(0);
    if (m[2] !== "," || (quoted && /\(\s*["']$/.test(text.slice(Math.max(0, start - 8), start)))) {
      const value = m[4] ?? "";
      return { name, value, start: m.index + m[0].length - value.length - (m[3] ?? "").length };
    }
  }
  if (SHELL_FILE.test(path)) {
    SHELL_VALUE.lastIndex = end;
    const s = SHELL_VALUE.exec(text);
    if (s !== null) return { name, value: s[1] ?? "", start: end + 1 };
  }
  // Cheap test first: a comparison operator right before the name.
  if (!/[=!]=\s{0,4}$/.test(text.slice(Math.max(0, start - 8), start))) return undefined;
  const lineStart = text.lastIndexOf("\n", start) + 1;
  const b = LITERAL_BEFORE.exec(text.slice(Math.max(lineStart, start - 210), start));
  if (b !== null) return { name, value: b[2] ?? "", start: start - b[0].length + 1 };
  return undefined;
}

/** Comments and weak words are low; otherwise the file decides (config high, source medium, tests and docs low). */
function confidenceAt(text: string, start: number, context: PathContext, value: string): Confidence {
  const line = text.slice(text.lastIndexOf("\n", start) + 1, start);
  return isCommentLine(line) || isWeakWord(value) ? "low" : CONTEXT_CONFIDENCE[context];
}

/**
 * A string literal assigned to, keyed by or compared with a password-named variable, field or key
 * in source code, however weak (`password = "hunter22"`, `:password => '4ian1234'`,
 * `$db_pass = '…'`). Confidence comes from where it is: config, source, or tests and docs.
 */
export const detector: Detector = {
  id: "password-literal",
  description: "Literal passwords (no entropy floor) assigned to or compared with password-named variables and keys in source code",
  triggers: ["pass", "pwd", "pswd"],
  appliesTo: (fragment) => classifyPath(fragment.path).source || SHELL_FILE.test(fragment.path),
  detect(fragment, context) {
    const { text, path } = fragment;
    const where = pathContextOf(path);
    const inConfig = where === "config" || where === "credential";
    const out: Candidate[] = [];
    PASSWORD_WORD.lastIndex = 0;
    for (let m = PASSWORD_WORD.exec(text); m !== null; m = PASSWORD_WORD.exec(text)) {
      const { start, end } = nameAround(text, m.index);
      PASSWORD_WORD.lastIndex = Math.max(end, m.index + 1);
      const literal = literalAt(text, path, start, end);
      if (literal === undefined || secretNameKind(literal.name) !== "password") continue;
      const { value } = literal;
      if (passwordValueReason(value, literal.name, inConfig) !== undefined) continue;
      const valueEnd = literal.start + value.length;
      if (providerRuleCovers(context, text, literal.start, valueEnd)) continue;
      out.push({
        ruleId: "password-literal",
        provider: "generic",
        kind: "password",
        severity: "high",
        secret: value,
        start: literal.start,
        end: valueEnd,
        confidence: confidenceAt(text, start, where, value),
        nonExpiring: true,
        parts: { name: literal.name },
      });
    }
    return out;
  },
};
