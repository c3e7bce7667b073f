import type { Candidate } from "../model/finding.js";

/** Values published in vendor documentation as examples. */
const KNOWN_EXAMPLES = new Set([
  "AKIAIOSFODNN7EXAMPLE",
  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "AKIAI44QH8DHBEXAMPLE",
  "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
  // Stripe, GitHub, Slack and Google documentation samples.
  "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
  "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
  "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
  "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
  "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe",
  // The key of RFC 4231 HMAC test case 2, and the sample tokens of OAuth 2.0 (RFC 6749) and OAuth 1.0 (RFC 5849).
  "Jefe",
  "2YotnFZFEjr1zCsicMWpAA",
  "tGzv3JOkF0XG5Qx2TlKWIA",
  "SplxlOBeZQQYbYS6WxSbIA",
  "nnch734d00sl2jdk",
  "pfkkdhi9sl3r4s00",
  "kd94hf93k423kf44",
  "hh5s93j4hdidpola",
  "hdhd0244k9j7ao03",
  "ad180jjd733klru7",
]);

const PLACEHOLDER_WORDS =
  /example|sample|dummy|placeholder|changeme|change_me|redacted|your[_-]?(?:api[_-]?)?(?:key|token|secret|password)|insert[_-]?(?:key|token|here)|xxxxx|\*\*\*\*|fake|notreal|not[_-]a[_-]real/i;

/** Templated values: `${VAR}`, `{{ var }}`, `<your-token>`, `%(name)s`, `$VAR`, `@@VAR@@`, and values with a `${…}` / `{{ … }}` / `{% … %}` / `<%= … %>` inside. */
const TEMPLATED = /^\$\{[^}]*\}$|^\{\{.*\}\}$|^<[^>]+>$|%\([^)]+\)s|^\$[A-Z_][A-Z0-9_]*$|^@@?[A-Z_]+@@?$|\$\{\{|\$\{[\w.:-]+\}|\{\{[^}]*\}\}|\{%[^%]*%\}|<%=?[^%]*%>/;

/** Length of the longest run of one repeated character (formats such as Twitter's `AAAA…` prefix have short ones). */
function longestRun(value: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < value.length; i++) {
    run = i > 0 && value[i] === value[i - 1] ? run + 1 : 1;
    if (run > longest) longest = run;
  }
  return longest;
}

/** Why a candidate's value is a placeholder, or undefined when it may be real. */
export function placeholderReason(candidate: Candidate): string | undefined {
  const value = candidate.secret;
  // A managed reference names a secret held elsewhere; its name may well contain "example".
  if (candidate.kind === "managed-reference") return undefined;
  if (KNOWN_EXAMPLES.has(value)) return "documented example value";
  if (candidate.kind === "private-key" || candidate.kind === "certificate") {
    return /\.\.\.|…|<[^>]*key[^>]*>/i.test(value) && value.length < 200 ? "truncated key block" : undefined;
  }
  if (TEMPLATED.test(value)) return "templated value";
  if (PLACEHOLDER_WORDS.test(value)) return "placeholder word";
  if (longestRun(value) >= Math.max(8, value.length * 0.35)) return "repeated characters";
  const body = value.replace(/^[A-Za-z]{2,12}[_-]/, "");
  if (body.length >= 8 && new Set(body).size <= 3) return "too few distinct characters";
  if (/0123456789|123456789|abcdefghij|ABCDEFGHIJ/.test(body)) return "sequential characters";
  return undefined;
}
