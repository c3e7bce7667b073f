import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseGithubCodeowners } from "../../src/inventory/codeowners-github.js";
import { parseGitlabCodeowners } from "../../src/inventory/codeowners-gitlab.js";

const segment = fc.stringMatching(/^[a-z][a-z0-9_-]{0,6}$/);
const filePath = fc
  .array(segment, { minLength: 1, maxLength: 5 })
  .chain((dirs) => fc.constantFrom(".ts", ".env", ".yml", "").map((ext) => `${dirs.join("/")}${ext}`));
const pattern = fc.oneof(
  fc.constantFrom("*", "*.ts", "*.env", "/docs/", "docs/*", "**/logs", "apps/", "/src/**/*.ts", "config/"),
  segment.map((s) => `/${s}/`),
  segment.map((s) => `${s}/`),
  filePath.map((p) => `/${p}`),
);
const owner = fc.constantFrom("@acme/web", "@acme/sre", "@alice", "bob@example.com");
const rules = fc.array(fc.tuple(pattern, fc.array(owner, { maxLength: 2 })), { maxLength: 12 });
const render = (lines: [string, string[]][]) => lines.map(([p, o]) => `${p} ${o.join(" ")}`.trim()).join("\n");

describe("CODEOWNERS properties", () => {
  test("GitHub: a trailing catch-all decides every path; an ownerless one un-owns every path", () => {
    fc.assert(
      fc.property(rules, filePath, (lines, path) => {
        const owned = parseGithubCodeowners(`${render(lines)}\n* @last/team`).ownersOf(path);
        expect(owned.map((e) => e.owners)).toEqual([["@last/team"]]);
        expect(parseGithubCodeowners(`${render(lines)}\n*`).ownersOf(path)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  test("GitHub: at most one deciding entry, and it is the last line whose pattern matches", () => {
    fc.assert(
      fc.property(rules, filePath, (lines, path) => {
        const parsed = parseGithubCodeowners(render(lines));
        const owned = parsed.ownersOf(path);
        expect(owned.length).toBeLessThanOrEqual(1);
        const decided = owned[0];
        if (decided === undefined) return;
        // No later line's pattern may match the path on its own.
        for (let i = decided.line; i < lines.length; i++) {
          const [later] = lines[i] ?? ["", []];
          expect(parseGithubCodeowners(`${later} @probe`).ownersOf(path)).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  test("GitLab: each section decides on its own; the result has at most one entry per section", () => {
    fc.assert(
      fc.property(rules, rules, filePath, (a, b, path) => {
        const parsed = parseGitlabCodeowners(`[One]\n${render(a)}\n[Two]\n${render(b)}\n`);
        const sections = parsed.ownersOf(path).map((e) => e.section ?? "");
        expect(new Set(sections).size).toBe(sections.length);
      }),
      { numRuns: 500 },
    );
  });

  test("neither parser throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), filePath, (text, path) => {
        parseGithubCodeowners(text).ownersOf(path);
        parseGitlabCodeowners(text).ownersOf(path);
      }),
      { numRuns: 1000 },
    );
  });
});
