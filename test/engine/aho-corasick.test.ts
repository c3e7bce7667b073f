import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { buildAutomaton } from "../../src/engine/aho-corasick.js";

const found = (keywords: string[], text: string) => [...new Set(buildAutomaton(keywords).scan(text).id)].map((i) => keywords[i]).sort();

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

describe("keyword occurrences", () => {
  /** Every (keyword, end) of a naive search, by end then keyword index: the engine contract's order. */
  const naive = (keywords: string[], text: string): [number, number][] => {
    const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
    const out: [number, number][] = [];
    for (let end = 1; end <= text.length; end++) {
      keywords.forEach((k, i) => {
        if (end >= k.length && lower.slice(end - k.length, end) === k) out.push([i, end]);
      });
    }
    return out;
  };
  const scanned = (keywords: string[], text: string): [number, number][] => {
    const found = buildAutomaton(keywords).scan(text);
    return Array.from({ length: found.count }, (_, i) => [found.id[i] ?? -1, found.end[i] ?? -1]);
  };

  test("every occurrence, overlapping ones too, in end order", () => {
    expect(scanned(["abab", "bab", "b"], "xABABAB")).toEqual(
      [
        [2, 3],
        [2, 5],
        [1, 5],
        [0, 5],
        [2, 7],
        [1, 7],
        [0, 7],
      ].sort((a, b) => (a[1] ?? 0) - (b[1] ?? 0) || (a[0] ?? 0) - (b[0] ?? 0)),
    );
  });

  test("agrees with a naive search of every position", () => {
    const word = fc.stringMatching(/^[a-z0-9_.$-]{1,6}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 12 }),
        fc.array(fc.constantFrom("a", "B", "_", "0", ".", "$", "-", "é", " ", "\n", "z"), { maxLength: 300 }),
        (keywords, chars) => {
          const text = chars.join("");
          expect(scanned(keywords, text)).toEqual(naive(keywords, text));
        },
      ),
      { numRuns: 500 },
    );
  });
});
