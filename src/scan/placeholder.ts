import type { Candidate } from "../model/finding.js";

const PLACEHOLDER_WORDS =
  /example|sample|dummy|placeholder|changeme|change_me|redacted|your[_-]?(?:api[_-]?)?(?:key|token|secret|password)|insert[_-]?(?:key|token|here)|xxxxx|\*\*\*\*|fake|notreal|not[_-]a[_-]real/i;

/** Templated values: `${VAR}`, `{{ var }}`, `<your-token>`, `%(name)s`, `$VAR`, `@@VAR@@`, and values with a `${…}` / `{{ … }}` / `{% … %}` / `<%= … %>` inside. */
const TEMPLATED =
  /^\$\{[^}]*\}$|^\{\{.*\}\}$|^<[^>]+>$|%\([^)]+\)s|^\$[A-Z_][A-Z0-9_]*$|^@@?[A-Z_]+@@?$|\$\{\{|\$\{[\w.:-]+\}|\{\{[^}]*\}\}|\{%[^%]*%\}|<%=?[^%]*%>/;

/**
 * A real prefix followed by a stand-in instead of the token: `pypi-<api-token>`, `sk-...`,
 * `ghp_xxxx`, `sk-ant-…`, `xoxb-[token]`, `sk_live_****`.
 */
const PREFIXED_STAND_IN = /^[A-Za-z][A-Za-z0-9]{0,11}(?:[_.-][A-Za-z0-9]{1,12}){0,3}[_.-](?:<[^>]*>|\[[^\]]*\]|\{[^}]*\}|\.{2,}|…|[xX*#•]{2,})$/;
/** A value cut short for display (`pypi-AgEIcHlwaS5vcmcCJ...`): the rest of the token is not there. */
const TRUNCATED = /(?:\.{3}|…)$/;

/** Base64 that decodes to a placeholder pair such as `username:password` or `<user>:<token>`. */
const BASE64 = /^[A-Za-z0-9+/]{8,200}={0,2}$/;
const PAIR_PART =
  /^(?:user(?:[_-]?name)?|login|name|email|account|id|client[_-]?(?:id|secret)|pass(?:word|wd)?|pwd|secret|token|api[_-]?key|key|foo|bar|your[_-]?\w{1,20}|my[_-]?\w{1,20}|<[^>]{1,30}>|\$\{?\w{1,30}\}?|\{\{[^}]{1,30}\}\}|%\w{1,20}%|x{1,20}|\*{1,20})$/i;

function isPlaceholderPair(value: string): boolean {
  if (!BASE64.test(value) || value.length % 4 !== 0) return false;
  const decoded = Buffer.from(value, "base64").toString("latin1");
  const colon = decoded.indexOf(":");
  if (colon <= 0 || !/^[\x20-\x7e]+$/.test(decoded)) return false;
  return PAIR_PART.test(decoded.slice(0, colon)) && PAIR_PART.test(decoded.slice(colon + 1));
}

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
  if (candidate.kind === "private-key" || candidate.kind === "certificate") {
    return /\.\.\.|…|<[^>]*key[^>]*>/i.test(value) && value.length < 200 ? "truncated key block" : undefined;
  }
  if (TEMPLATED.test(value)) return "templated value";
  // `changeme` as a password is the default people leave in place: weak, reported (src/values/verdict.ts).
  if (PLACEHOLDER_WORDS.test(candidate.kind === "password" ? value.replace(/change_?me/gi, "") : value)) return "placeholder word";
  // A password may legitimately end in `...` or `-xx`; a provider token never does.
  if (candidate.kind !== "password" && PREFIXED_STAND_IN.test(value)) return "prefix with a stand-in";
  if (candidate.kind !== "password" && TRUNCATED.test(value)) return "truncated value";
  if (isPlaceholderPair(value)) return "base64 of a placeholder pair";
  if (longestRun(value) >= Math.max(8, value.length * 0.35)) return "repeated characters";
  const body = value.replace(/^[A-Za-z]{2,12}[_-]/, "");
  if (body.length >= 8 && new Set(body).size <= 3) return "too few distinct characters";
  if (/0123456789|123456789|abcdefghij|ABCDEFGHIJ/.test(body)) return "sequential characters";
  return undefined;
}
