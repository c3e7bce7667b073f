import type { Candidate } from "../model/finding.js";
import type { Confidence } from "../model/rule.js";
import type { Detector } from "./detector.js";
import { classifyPath } from "../paths/classify.js";
import { providerLookAlike, providerRuleCovers } from "./rule-overlap.js";
import { SECRET_NAME_SUBSTRINGS, secretNameKind } from "./secret-names.js";
import { isHex, isHighEntropy, nonSecretReason } from "./secret-value.js";

const SHELL_FILE = /\.(?:sh|bash|zsh|ksh)$|(?:^|\/)Makefile$/;
/** A string literal of 16+ characters without spaces; in notebooks the quotes are JSON-escaped (`\"`). */
const LITERAL = /(\\?["'`])([^"'`\s\\]{16,4096})\1/g;
/**
 * What precedes the literal in `name = "value"` in most languages: an identifier (after `$`, `@`,
 * `this.`, `self.`…), an optional closing quote or bracket (dict keys), an optional type
 * annotation or C# accessor list (`{ get; set; }`), an assignment or key separator, and an
 * optional string prefix (`b"…"`, `r"…"`, `@"…"`).
 */
const ASSIGNED_TO =
  /(?<![\w$-])([A-Za-z_][\w-]{0,60})["'\]]{0,2}\s{0,4}(?::\s{0,4}[\w<>[\]|?&']{1,30}\s{0,4})?(?:\{\s{0,4}get;\s{0,4}(?:(?:private\s+)?(?:set|init);\s{0,4})?\}\s{0,4})?(?::=|=>|\?\?=|\|\|=|=|:)\s{0,4}(?:[bBrRuUfF@$]{1,2})?$/;
/** A key and value passed as two arguments: `setProperty("db.password", "…")`, `define('API_SECRET', '…')`. */
const ARGUMENT_PAIR = /\w\(\s{0,4}["']([A-Za-z_][\w.-]{0,60})["']\s{0,4},\s{0,4}$/;
const PREFIX_WINDOW = 120;
/** The last characters before an assigned literal: a separator, spaces, a string prefix. */
const SEPARATOR_BEFORE = /[=:>(,]\s{0,4}[bBrRuUfF@$]{0,2}$/;
const SHELL_ASSIGNMENT = /^\s*(?:export\s+|local\s+|readonly\s+)?([A-Za-z_]\w{0,60})=([^\s"'`;|&$()]{16,512})\s*$/dgm;
const MIN_LENGTH = 16;

/** How many of lower case, upper case, digits and symbols a value mixes. */
function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
}

function confidenceOf(value: string): Confidence {
  if (isHex(value)) return value.length >= 32 ? "medium" : "low";
  return characterClasses(value) >= 3 ? "medium" : "low";
}

function* assignments(text: string, path: string): Generator<{ name: string; value: string; start: number; end: number }> {
  LITERAL.lastIndex = 0;
  for (let m = LITERAL.exec(text); m !== null; m = LITERAL.exec(text)) {
    const value = m[2] ?? "";
    const start = m.index + (m[1] ?? "").length;
    // Cheapest first: a literal must follow an assignment or key separator, then have entropy.
    if (!SEPARATOR_BEFORE.test(text.slice(Math.max(0, m.index - 6), m.index)) || !isHighEntropy(value, MIN_LENGTH)) continue;
    const before = text.slice(Math.max(0, m.index - PREFIX_WINDOW), m.index);
    const line = before.slice(before.lastIndexOf("\n") + 1);
    const name = (ASSIGNED_TO.exec(line) ?? ARGUMENT_PAIR.exec(line))?.[1];
    if (name !== undefined) yield { name, value, start, end: start + value.length };
  }
  if (!SHELL_FILE.test(path)) return;
  SHELL_ASSIGNMENT.lastIndex = 0;
  for (let m = SHELL_ASSIGNMENT.exec(text); m !== null; m = SHELL_ASSIGNMENT.exec(text)) {
    const span = m.indices?.[2];
    if (span !== undefined) yield { name: m[1] ?? "", value: m[2] ?? "", start: span[0], end: span[1] };
  }
}

/** A secret-named variable, field or key assigned a high-entropy string literal in source code. */
export const detector: Detector = {
  id: "generic-assignment",
  description: "High-entropy string literals assigned to secret-named variables in source code (JS/TS, Python, Go, Java, Ruby, PHP, C#, shell…)",
  // Only secret-named variables count: a text without any such substring has none.
  triggers: SECRET_NAME_SUBSTRINGS,
  appliesTo: (fragment) => classifyPath(fragment.path).source,
  detect(fragment, context) {
    const out: Candidate[] = [];
    for (const { name, value, start, end } of assignments(fragment.text, fragment.path)) {
      const kind = secretNameKind(name);
      if (kind === undefined || !isHighEntropy(value, MIN_LENGTH) || nonSecretReason(value) !== undefined) continue;
      if (/^eyJ[\w-]+\.eyJ|^-----BEGIN|:\/\//.test(value)) continue;
      if (providerRuleCovers(context, fragment.text, start, end) || providerLookAlike(context, value)) continue;
      out.push({
        ruleId: "generic-assignment",
        provider: "generic",
        kind,
        severity: "high",
        secret: value,
        start,
        end,
        confidence: confidenceOf(value),
        nonExpiring: false,
        parts: { name },
      });
    }
    return out;
  },
};
