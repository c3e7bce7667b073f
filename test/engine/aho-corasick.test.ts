import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { buildAutomaton } from "../../src/engine/aho-corasick.js";

const found = (keywords: string[], text: string) => [...buildAutomaton(keywords).find(text)].map((i) => keywords[i]).sort();

describe("keyword automaton", () => {
  test.each([
    [["ghp_", "gho_"], "x GHP_abc", ["ghp_"]],
    [["xoxb", "xoxb-", "b-1"], "token xoxb-123", ["b-1", "xoxb", "xoxb-"]],
    [["akia", "aws"], "akiaws_key", ["akia", "aws"]],
    [["he", "she", "his", "hers"], "ushers", ["he", "hers", "she"]],
    [["token"], "tökén token", ["token"]],
    [["sk_live_"], "sk_live", []],
    [["a.b"], "a.b", ["a.b"]],
  ])("%j in %j", (keywords, text, expected) => {
    expect(found(keywords, text)).toEqual(expected);
  });

  test("agrees with a naive case-insensitive search", () => {
    const word = fc.stringMatching(/^[a-z0-9_.-]{2,6}$/);
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 20 }), fc.string({ maxLength: 200 }), fc.nat(), (keywords, noise, seed) => {
        const planted = keywords[seed % keywords.length] ?? "";
        const text = `${noise.slice(0, seed % 50)}${planted.toUpperCase()}${noise}`;
        const naive = keywords.filter((k) => text.toLowerCase().includes(k)).sort();
        // toLowerCase folds more than ASCII; compare only where folding is plain ASCII.
        if (/[^\x00-\x7f]/.test(text)) return;
        expect(found(keywords, text)).toEqual(naive);
      }),
      { numRuns: 1000 },
    );
  });

  test("long texts miss no keyword, also one straddling the middle", () => {
    const word = fc.stringMatching(/^[a-z0-9_.-]{2,8}$/);
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 10 }), fc.nat({ max: 3000 }), fc.nat(), (keywords, length, seed) => {
        const planted = keywords[seed % keywords.length] ?? "";
        const filler = "x ".repeat(length);
        // The keyword lands on or near the middle of the text.
        const at = Math.max(0, (filler.length >> 1) - (seed % (planted.length + 1)));
        const text = `${filler.slice(0, at)}${planted}${filler.slice(at)}`;
        const naive = keywords.filter((k) => text.toLowerCase().includes(k)).sort();
        expect(found(keywords, text)).toEqual(naive);
      }),
      { numRuns: 2000 },
    );
  });
});
