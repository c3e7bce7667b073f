import { describe, expect, test } from "vitest";
import { gitlabPatternRegex, parseGitlabCodeowners } from "../../src/inventory/codeowners-gitlab.js";

const owners = (file: string, path: string) =>
  parseGitlabCodeowners(file)
    .ownersOf(path)
    .map((e) => `${e.section ?? "-"}: ${e.owners.join(" ")}`);

describe("GitLab CODEOWNERS patterns (File.fnmatch, FNM_PATHNAME | FNM_DOTMATCH)", () => {
  test.each([
    ["*", "README.md", true],
    ["*", "a/b/.env", true],
    ["*.rb", "app/models/user.rb", true],
    ["*.rb", "app/models/user.rbx", false],
    ["/docs/", "docs/a/b.md", true],
    ["/docs/", "src/docs/a.md", false],
    ["/docs/*", "docs/index.md", true],
    ["/docs/*", "docs/projects/index.md", false],
    ["/docs/**/*.md", "docs/index.md", true],
    ["/docs/**/*.md", "docs/a/b/index.md", true],
    ["lib/", "lib/a.rb", true],
    ["lib/", "x/y/lib/a.rb", true],
    ["/config/", "config/db.yml", true],
    ["/config/", "app/config/db.yml", false],
    ["README", "README", true],
    ["README", "sub/README", true],
    // No trailing slash: a file of that name, not a folder's contents.
    ["/docs", "docs/a.md", false],
    ["path\\ with\\ spaces/", "path with spaces/a.txt", true],
    ["\\#file_with_pound.rb", "#file_with_pound.rb", true],
    ["*.[ch]", "src/main.c", true],
    ["*.[ch]", "src/main.o", false],
    ["/src/?.js", "src/a.js", true],
    ["/src/?.js", "src/ab.js", false],
    ["/config/.env*", "config/.env.production", true],
  ])("%s %s → %s", (pattern, path, matches) => {
    expect(gitlabPatternRegex(pattern).test(`/${path}`)).toBe(matches);
  });
});

describe("GitLab CODEOWNERS sections", () => {
  const file = [
    "* @general-approvers",
    "",
    "[Documentation] @docs-team",
    "docs/",
    "README.md",
    "",
    "^[Database][2] @database-team",
    "model/db/",
    "config/db/database-setup.md @docs-team",
    "",
    "[Secrets] @secops",
    "*.env",
    "!*.example.env",
    "/deploy/ @@maintainer",
    "",
    "[documentation]",
    "docs/internal/ @tech-writers",
  ].join("\n");

  test.each([
    // Entries before any section form an unnamed section that always applies.
    ["src/main.ts", ["-: @general-approvers"]],
    // Lines without owners take the section's default owners; sections are unioned.
    ["docs/guide.md", ["-: @general-approvers", "Documentation: @docs-team"]],
    ["model/db/schema.rb", ["-: @general-approvers", "Database: @database-team"]],
    ["config/db/database-setup.md", ["-: @general-approvers", "Database: @docs-team"]],
    // A repeated section (case-insensitive) continues the first: its later entry wins there.
    ["docs/internal/plan.md", ["-: @general-approvers", "Documentation: @tech-writers"]],
    ["app/.env", ["-: @general-approvers", "Secrets: @secops"]],
    // An exclusion drops its section for the path, whatever the order.
    ["app/local.example.env", ["-: @general-approvers"]],
    ["deploy/prod.env", ["-: @general-approvers", "Secrets: @@maintainer"]],
  ])("%s → %j", (path, expected) => {
    expect(owners(file, path)).toEqual(expected);
  });

  test("an exclusion applies only within its section", () => {
    const text = "[A] @a\n*.env\n!local.env\n[B] @b\n*.env\n";
    expect(owners(text, "local.env")).toEqual(["B: @b"]);
  });

  test("the last match in a section wins; an ownerless match without defaults un-owns there", () => {
    expect(owners("[S]\n*.yml @one\nci/*.yml @two\n", "ci/deploy.yml")).toEqual(["S: @two"]);
    expect(owners("* @all\n/vendor/\n", "vendor/lib.js")).toEqual([]);
  });

  test("a repeated pattern keeps its first position and takes the later owners, as GitLab's parser does", () => {
    expect(owners("*.env @first\nconfig/ @config\n*.env @second\n", "config/app.env")).toEqual(["-: @config"]);
    expect(owners("*.env @first\nconfig/ @config\n*.env @second\n", "app.env")).toEqual(["-: @second"]);
  });

  test("malformed headers and non-owner tokens are warnings", () => {
    const parsed = parseGitlabCodeowners("[Broken\n* @a # not a comment\n");
    expect(parsed.warnings.map((w) => w.line)).toEqual([1, 2]);
    expect(parsed.warnings[0]?.message).toMatch(/malformed section header/);
    expect(parsed.warnings[1]?.message).toMatch(/`#` `not` `a` `comment`/);
  });
});
