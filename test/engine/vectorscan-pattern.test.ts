import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { loadVectorscan, type VectorscanAddon } from "../../src/engine/vectorscan-addon.js";
import { translatePattern } from "../../src/engine/vectorscan-pattern.js";

describe("JS pattern to Vectorscan expression", () => {
  test.each([
    ["ghp_[A-Za-z0-9]{36}", "", "ghp\\x5f[0-9A-Za-z]{36}"],
    ["(?<secret>a+?)b", "", "(?:a+)b"],
    ["a(?=b)c(?!d)*", "", "ac"],
    ["^key$", "m", "key"],
    ["^key$", "", "^key$"],
    ["\\bx\\b", "", "\\bx\\b"],
    ["[^\"]", "", "[\\x00-\\x21\\x23-\\xff]"],
    ["\\s", "", "[\\x09-\\x0d\\x20\\x80\\xa0]"],
    // NBSP is excluded like in JS; the wide byte never is (U+2028 is a JS space, U+0161 is not).
    ["[^\\s]", "", "[\\x00-\\x08\\x0e-\\x1f\\x21-\\x9f\\xa1-\\xff]"],
    ["é", "i", "[\\xc9\\xe9]"],
    // ÿ folds with Ÿ (U+0178), a wide character.
    ["ÿ", "i", "[\\x80\\xff]"],
    ["\\u2028", "", "\\x80"],
    // A `{` that opens no quantifier is a literal brace (Annex B).
    ["a{2,", "", "a\\x7b2\\x2c"],
  ])("%j (flags %j) -> %j", (pattern, flags, expression) => {
    expect(translatePattern(pattern, flags)).toEqual({ expression, caseless: flags.includes("i") });
  });

  test.each([
    ["(a)\\1", "", /backreference/],
    ["a", "u", /flag/],
    ["[]", "", /matches nothing/],
    ["(?P<x>a)", "", /unknown group/],
    ["\\012", "", /octal/],
  ])("refuses %j (flags %j)", (pattern, flags, reason) => {
    const result = translatePattern(pattern, flags);
    expect("reason" in result ? result.reason : "").toMatch(reason);
  });
});

const load = loadVectorscan();
const title = load.addon !== undefined ? "translated expressions match a superset" : `translated expressions (skipped: ${load.reason})`;

describe.skipIf(load.addon === undefined)(title, () => {
  const vs = load.addon as VectorscanAddon;
  // Constructs where the two engines read characters differently.
  const patterns: [string, string][] = [
    ["key\\s*=\\s*(\\S+)", ""],
    ["[^\\s\"]{4,}", ""],
    ["^token=(.+)$", "m"],
    ["é+[a-zà-ÿ]{2}", "i"],
    ["\\bsk_\\w{4}\\b", ""],
    ["[\\u0100-\\uffff]x", ""],
    ["[\\u0100-\\uffff]x", "i"],
    ["[^\\u2028a]b", "i"],
    ["x\\Wy\\Dz", ""],
    ["(?<=k)v(?!w)", ""],
  ];
  const unit = fc.constantFrom(..."key= \t\r\n\"éÉàÿŸskKx_yzvwab0\u00a0\u2028\u3000\u0161😀");

  test.each(patterns)("%j (flags %j)", (pattern, flags) => {
    const translated = translatePattern(pattern, flags);
    if (!("expression" in translated)) throw new Error(translated.reason);
    const db = vs.compile([translated.expression], [translated.caseless ? vs.flags.CASELESS : 0], [0]);
    const regex = new RegExp(pattern, `g${flags}`);
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }).map((units) => units.join("")), (text) => {
        const ends = new Set(vs.scan(db, text, 1)[1]);
        // Every non-empty JS match from every start: all its ends must be Vectorscan ends.
        for (let start = 0; start < text.length; start++) {
          const sticky = new RegExp(regex.source, `y${flags}`);
          sticky.lastIndex = start;
          const m = sticky.exec(text);
          if (m !== null && m[0].length > 0) expect([text, start, ends.has(start + m[0].length)]).toEqual([text, start, true]);
        }
      }),
      { numRuns: 500 },
    );
  });
});
