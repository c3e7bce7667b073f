import type { Candidate } from "../model/finding.js";

/** Values published in vendor documentation as examples. */
const KNOWN_EXAMPLES = new Set([
  "AKIAIOSFODNN7EXAMPLE",
  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "AKIAI44QH8DHBEXAMPLE",
  "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
]);

const PLACEHOLDER_WORDS =
  /example|sample|dummy|placeholder|changeme|change_me|redacted|your[_-]?(?:api[_-]?)?(?:key|token|secret|password)|insert[_-]?(?:key|token|here)|xxxxx|\*\*\*\*|fake|notreal|not[_-]a[_-]real/i;

/** Templated values: `${VAR}`, `{{ var }}`, `<your-token>`, `%(name)s`, `$VAR`, `@@VAR@@`. */
const TEMPLATED = /^\$\{[^}]*\}$|^\{\{.*\}\}$|^<[^>]+>$|%\([^)]+\)s|^\$[A-Z_][A-Z0-9_]*$|^@@?[A-Z_]+@@?$|\$\{\{/;

/** Why a candidate's value is a placeholder, or undefined when it may be real. */
export function placeholderReason(candidate: Candidate): string | undefined {
  const value = candidate.secret;
  if (KNOWN_EXAMPLES.has(value)) return "documented example value";
  if (candidate.kind === "private-key" || candidate.kind === "certificate") {
    return /\.\.\.|…|<[^>]*key[^>]*>/i.test(value) && value.length < 200 ? "truncated key block" : undefined;
  }
  if (TEMPLATED.test(value)) return "templated value";
  if (PLACEHOLDER_WORDS.test(value)) return "placeholder word";
  if (/(.)\1{7,}/.test(value)) return "repeated characters";
  const body = value.replace(/^[A-Za-z]{2,12}[_-]/, "");
  if (body.length >= 8 && new Set(body).size <= 3) return "too few distinct characters";
  if (/0123456789|123456789|abcdefghij|ABCDEFGHIJ/.test(body)) return "sequential characters";
  return undefined;
}
