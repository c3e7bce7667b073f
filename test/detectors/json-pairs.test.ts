import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { jsonPairsIn, regexPairs } from "../../src/detectors/config-formats/regex-pairs.js";
import { secretNameKind } from "../../src/detectors/secret-names.js";

// Long JSON is read only near secret words: every secret-named pair the whole-text pattern finds
// must still be found, wherever the lines fall.
const LINES = [
  '  "name": "web",',
  '  "version": "1.2.3",',
  '  "db_password": "Zq8xVt2LmP4rNs6K",',
  '  "apiKey": "sk-not-a-real-key-1234567890",',
  '  { "name": "DB_PASSWORD", "value": "Hn3kPq9rTz2LmW5x" },',
  '  {\n    "name": "CLIENT_SECRET",\n    "value": "Wq4zXp8sLn2KtR6v"\n  },',
  '  "password":\n    "Pr7mXq2zLt9KsN4w",',
  '  "integrity": "sha512-abcdefghijklmnopqrstuvwxyz0123456789",',
  '  "resolved": "https://registry.npmjs.org/x/-/x-1.0.0.tgz",',
  "x".repeat(400),
];
const secretPairs = (pairs: { key: string; value: string; start: number; end: number }[]) =>
  pairs.filter((p) => secretNameKind(p.key) !== undefined).map((p) => `${p.key}=${p.value}@${p.start}-${p.end}`);

describe("JSON pairs in long texts", () => {
  test("the lines near secret words hold every secret-named pair of the whole text", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { minLength: 40, maxLength: 120 }), (lines) => {
        const text = `{\n${lines.join("\n")}\n}\n`;
        expect(text.length).toBeGreaterThan(8192 - 20_000);
        expect(secretPairs(regexPairs(text, "json"))).toEqual(secretPairs(jsonPairsIn(text, 0, text.length)));
      }),
      { numRuns: 200 },
    );
  });
});
