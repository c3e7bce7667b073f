import { lineWindows } from "../../util/text.js";
import { nextSecretWord, secretNameKind } from "../secret-names.js";
import type { KeyValue, PairSyntax } from "./line-pairs.js";

// Bounded runs keep these linear on minified one-line files.
// No `d` flag on the hot JSON pattern (offsets cost an allocation per match): the value ends right before the last quote.
const JSON_PAIR = /"((?:[^"\\\n]|\\.){1,200})"\s{0,20}:\s{0,20}"((?:[^"\\\n]|\\.){1,2000})"/g;
// ECS task definitions, CloudFormation and many APIs write `{"name": "DB_PASSWORD", "value": "…"}`.
const JSON_NAME = /"(?:name|Name|key|Key|ParameterKey)"\s{0,20}:\s{0,20}"([\w.-]{1,200})"\s{0,20},?\s{0,20}$/;
const XML_ELEMENT = /<([\w:.-]{1,100})>([^<\n]{1,1000})<\/\1>/dg;
/** Any attribute, `<add password="…"/>`, `<connection apiKey='…'>`: only secret-named ones become candidates. */
const XML_ATTRIBUTE = /(?<=[\s<])([A-Za-z_][\w:.-]{0,60})\s{0,3}=\s{0,3}(?:"([^"\n]{1,1000})"|'([^'\n]{1,1000})')/dg;
const XML_ATTRIBUTES = /\b(?:key|name)\s{0,5}=\s{0,5}"([^"\n]{1,200})"\s{1,20}value\s{0,5}=\s{0,5}"([^"\n]{1,2000})"/dg;

/** Group 1 is the key, group 2 the value (the regexes carry the `d` flag for offsets). */
function* groupPairs(regex: RegExp, text: string): Generator<KeyValue> {
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    const span = m.indices?.[2];
    if (span !== undefined) yield { key: m[1] ?? "", value: m[2] ?? "", start: span[0], end: span[1] };
  }
}

// Below this length the JSON pattern reads the whole text; above, only the lines near secret words.
const WINDOWED_FROM = 8192;

/**
 * JSON pairs. In a long text only the lines near a secret word are read (its line and the two
 * after, where `"value": …` follows a secret-named `"name"`): lockfiles and fixtures hold
 * thousands of pairs, and only secret-named ones can become candidates.
 */
function jsonPairs(text: string): KeyValue[] {
  if (text.length < WINDOWED_FROM) return jsonPairsIn(text, 0, text.length);
  const out: KeyValue[] = [];
  for (const { from, to } of lineWindows(text, secretWords(text), 0, 2)) out.push(...jsonPairsIn(text, from, to));
  return out;
}

function* secretWords(text: string): Generator<number> {
  for (let at = nextSecretWord(text, 0); at >= 0; at = nextSecretWord(text, at + 1)) yield at;
}

/** The JSON pairs within `[from, to)` of the text (offsets in the whole text). */
export function jsonPairsIn(text: string, from: number, to: number): KeyValue[] {
  const out: KeyValue[] = [];
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  JSON_PAIR.lastIndex = 0;
  for (let m = JSON_PAIR.exec(part); m !== null; m = JSON_PAIR.exec(part)) {
    const value = m[2] ?? "";
    const end = from + m.index + m[0].length - 1;
    const pair = { key: m[1] ?? "", value, start: end - value.length, end };
    if (pair.key !== "value" && pair.key !== "Value" && pair.key !== "ParameterValue") {
      out.push(pair);
      continue;
    }
    const before = text.slice(Math.max(0, pair.start - 300), pair.start).replace(/"(?:value|Value|ParameterValue)"\s*:\s*"$/, "");
    out.push({ ...pair, key: JSON_NAME.exec(before)?.[1] ?? pair.key });
  }
  return out;
}

/** Secret-named attributes, single- or double-quoted. */
function attributes(text: string): KeyValue[] {
  const out: KeyValue[] = [];
  XML_ATTRIBUTE.lastIndex = 0;
  for (let m = XML_ATTRIBUTE.exec(text); m !== null; m = XML_ATTRIBUTE.exec(text)) {
    const group = m[2] === undefined ? 3 : 2;
    const span = m.indices?.[group];
    if (span !== undefined && secretNameKind(m[1] ?? "") !== undefined) out.push({ key: m[1] ?? "", value: m[group] ?? "", start: span[0], end: span[1] });
  }
  return out;
}

/** Key/value pairs found by a pattern over the whole text (JSON, XML), where lines do not delimit pairs. */
export function regexPairs(text: string, format: PairSyntax): KeyValue[] {
  // Every pair that can become a candidate has a secret-named key (or a secret-named `name`
  // beside its `value`): a text without any such substring has none worth extracting.
  if (nextSecretWord(text, 0) < 0) return [];
  const pick = (regex: RegExp) => [...groupPairs(regex, text)];
  switch (format) {
    case "json":
      return jsonPairs(text);
    case "xml":
      return [...pick(XML_ELEMENT), ...pick(XML_ATTRIBUTES), ...attributes(text)];
    case "text":
      // Markup pasted into notes and logs: elements and attributes, where the text has any.
      return text.includes("<") ? [...pick(XML_ELEMENT), ...attributes(text)] : [];
    default:
      return [];
  }
}
