import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseFailOn } from "../../src/config/load.js";
import { configSchema } from "../../src/config/schema.js";
import { redact } from "../../src/scan/redact.js";
import { LineIndex } from "../../src/util/text.js";

describe("properties", () => {
  test("redact never reveals more than a fifth of the value (at most 6 characters) and always states the length", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }), fc.stringMatching(/^[0-9a-f]{32}$/), (secret, id) => {
        const preview = redact(secret, id);
        expect(preview).toContain(`[${secret.length} chars, #${id.slice(0, 8)}]`);
        const shown = preview.slice(0, preview.indexOf("…["));
        if (!secret.startsWith("-----BEGIN")) {
          expect(shown.length).toBeLessThanOrEqual(Math.min(6, Math.floor(secret.length / 5)));
          expect(secret.startsWith(shown)).toBe(true);
        }
        if (secret.length >= 8) expect(preview.includes(secret)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  test("LineIndex agrees with a naive split on any mix of \\n, \\r\\n and \\r", () => {
    const text = fc
      .array(
        fc.oneof(
          fc.constantFrom("\n", "\r\n", "\r"),
          fc.string({ maxLength: 5 }).filter((s) => !/[\r\n]/.test(s)),
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, fc.nat(), (s, seed) => {
        if (s.length === 0) return;
        const offset = seed % s.length;
        const before = s.slice(0, offset);
        const breaks = before.match(/\r\n|\r|\n/g) ?? [];
        const lastBreak = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r"));
        // An offset between \r and \n belongs to the line the \r\n ends.
        if (s[offset - 1] === "\r" && s[offset] === "\n") return;
        expect(new LineIndex(s).locate(offset)).toEqual({ line: breaks.length + 1, column: offset - lastBreak });
      }),
      { numRuns: 2000 },
    );
  });

  test("the config schema either parses or names a key; it never throws", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = configSchema().safeParse(value);
        if (!result.success) expect(result.error.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("policy", "allowlist", "rules", "exclude", "owners", "maxFileSize"), fc.jsonValue()), (value) => {
        configSchema().safeParse(value);
      }),
      { numRuns: 1000 },
    );
  });

  test("--fail-on accepts exactly its grammar", () => {
    fc.assert(
      fc.property(fc.constantFrom("finding", "none", "grade<C", "grade < A", "severity>=high", "missing-owner", "rotation-age"), (entry) => {
        expect(parseFailOn(entry, "--fail-on")).toHaveLength(1);
      }),
    );
    fc.assert(
      fc.property(
        fc.string().filter((s) => /[^a-z\-<>=A-F, ]/.test(s) && s.trim() !== ""),
        (entry) => {
          expect(() => parseFailOn(entry, "--fail-on")).toThrow(/--fail-on: expected/);
        },
      ),
      { numRuns: 500 },
    );
  });
});
