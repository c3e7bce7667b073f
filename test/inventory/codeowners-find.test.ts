import { describe, expect, test } from "vitest";
import { codeownersHints, findCodeowners, parseCodeowners } from "../../src/inventory/codeowners.js";
import { writeTree } from "../helpers/tree.js";

describe("finding the CODEOWNERS file", () => {
  test.each([
    [{ ".github/CODEOWNERS": "* @gh", CODEOWNERS: "* @root", "docs/CODEOWNERS": "* @docs" }, ".github/CODEOWNERS", ["CODEOWNERS", "docs/CODEOWNERS"]],
    [{ CODEOWNERS: "* @root", "docs/CODEOWNERS": "* @docs", ".gitlab/CODEOWNERS": "* @gl" }, "CODEOWNERS", ["docs/CODEOWNERS", ".gitlab/CODEOWNERS"]],
    [{ "docs/CODEOWNERS": "* @docs", ".gitlab/CODEOWNERS": "* @gl" }, "docs/CODEOWNERS", [".gitlab/CODEOWNERS"]],
    [{ ".gitlab/CODEOWNERS": "* @gl" }, ".gitlab/CODEOWNERS", []],
  ])("%j → %s, the others reported as unused", (files, expected, shadowed) => {
    const { codeowners, warnings } = findCodeowners(writeTree(files));
    expect(codeowners?.file).toBe(expected);
    expect(warnings.map((w) => w.file)).toEqual(shadowed);
    expect(warnings.every((w) => w.message === `not used: ${expected} is found first`)).toBe(true);
  });

  test("no file: no rules, no warnings", () => {
    expect(findCodeowners(writeTree({ "a.txt": "x" }))).toEqual({ warnings: [] });
  });

  test("invalid lines come back with the file name", () => {
    const { warnings } = findCodeowners(writeTree({ CODEOWNERS: "* @a\n!b @c\n" }));
    expect(warnings).toEqual([{ file: "CODEOWNERS", line: 2, message: expect.stringMatching(/negation/) }]);
  });
});

describe("flavour", () => {
  test.each([
    ["CODEOWNERS", "* @a\n", "github"],
    ["CODEOWNERS", "* @a\n[Docs] @d\ndocs/\n", "gitlab"],
    ["CODEOWNERS", "^[Optional]\n* @a\n", "gitlab"],
    ["docs/CODEOWNERS", "[Database][2] @db\n", "gitlab"],
    [".gitlab/CODEOWNERS", "* @a\n", "gitlab"],
    [".github/CODEOWNERS", "* @a\n", "github"],
    ["CODEOWNERS", "[Ff]ile.txt @a\n", "github"],
  ])("%s with %j is %s", (file, text, flavor) => {
    expect(parseCodeowners(text, file).flavor).toBe(flavor);
  });

  test("hints carry the source, the file and line, and high confidence", () => {
    const codeowners = parseCodeowners("* @all\n[Secrets] @secops\n*.env\n", "CODEOWNERS");
    expect(codeownersHints(codeowners, "prod.env")).toEqual([
      { source: "codeowners", value: "@all", confidence: "high", evidence: "CODEOWNERS:1 `*`" },
      { source: "codeowners", value: "@secops", confidence: "high", evidence: "CODEOWNERS:3 [Secrets] `*.env`" },
    ]);
  });
});
