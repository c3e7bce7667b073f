import { describe, expect, test } from "vitest";
import { githubPatternRegex, parseGithubCodeowners } from "../../src/inventory/codeowners-github.js";

const owners = (file: string, path: string) =>
  parseGithubCodeowners(file)
    .ownersOf(path)
    .flatMap((e) => e.owners);

describe("GitHub CODEOWNERS patterns", () => {
  test.each([
    // pattern, path, matches
    ["*", "README.md", true],
    ["*", "deep/nested/file.txt", true],
    ["*.js", "src/app.js", true],
    ["*.js", "src/app.ts", false],
    ["/build/logs/", "build/logs/today.log", true],
    ["/build/logs/", "src/build/logs/today.log", false],
    ["apps/", "apps/web/index.ts", true],
    ["apps/", "services/apps/web/index.ts", true],
    ["apps/", "apps", false],
    ["/docs/", "docs/a/b.md", true],
    ["/docs/", "x/docs/a.md", false],
    ["docs/*", "docs/getting-started.md", true],
    ["docs/*", "docs/build-app/troubleshooting.md", false],
    ["docs/*", "x/docs/a.md", false],
    ["**/logs", "build/logs/a.log", true],
    ["**/logs", "deeply/nested/logs/a.log", true],
    ["**/logs", "logs/a.log", true],
    ["**/logs", "catalogs/a.log", false],
    ["/apps/github", "apps/github/x.ts", true],
    ["/apps/github", "apps/githubber/x.ts", false],
    ["config", "services/config/.env", true],
    ["config", "services/config", true],
    ["config", "services/configs/.env", false],
    ["docs/**/*.md", "docs/a.md", true],
    ["docs/**/*.md", "docs/a/b/c.md", true],
    ["docs/**/*.md", "docs/a/b/c.txt", false],
    ["/scripts/deploy-?.sh", "scripts/deploy-a.sh", true],
    ["/scripts/deploy-?.sh", "scripts/deploy-ab.sh", false],
    ["*.env", ".env", true],
    [".env*", "config/.env.production", true],
    ["Config", "config/x", false],
  ])("%s %s → %s", (pattern, path, matches) => {
    expect(githubPatternRegex(pattern).test(path)).toBe(matches);
  });
});

describe("GitHub CODEOWNERS ownership", () => {
  const file = [
    "# default owners",
    "*       @acme/everyone",
    "*.env   @acme/secrets secops@example.com   # inline comment",
    "/apps/  @octocat",
    "/apps/github",
    "**/logs @acme/logging",
    "docs/*  docs@example.com",
  ].join("\n");

  test.each([
    ["README.md", ["@acme/everyone"]],
    ["deploy/prod.env", ["@acme/secrets", "secops@example.com"]],
    ["apps/web/main.ts", ["@octocat"]],
    // The last match wins even when an earlier one is more specific.
    ["apps/web/.env", ["@octocat"]],
    // A pattern without owners un-owns.
    ["apps/github/main.ts", []],
    ["build/logs/a.log", ["@acme/logging"]],
    ["docs/readme.md", ["docs@example.com"]],
    ["docs/guide/readme.md", ["@acme/everyone"]],
  ])("%s → %j", (path, expected) => {
    expect(owners(file, path)).toEqual(expected);
  });

  test("the deciding line is named", () => {
    expect(parseGithubCodeowners(file).ownersOf("deploy/prod.env")).toEqual([{ pattern: "*.env", owners: ["@acme/secrets", "secops@example.com"], line: 3 }]);
  });

  test.each([
    ["!secrets/*.env @acme/x", /`!` negation/],
    ["secrets/[ab].env @acme/x", /character ranges/],
    ["\\#notes @acme/x", /escapes/],
    ["src/ acme-team", /`acme-team` is not an owner/],
  ])("%s is reported, not used", (line, message) => {
    const parsed = parseGithubCodeowners(`* @acme/default\n${line}\n`);
    expect(parsed.warnings).toEqual([{ line: 2, message: expect.stringMatching(message) }]);
    expect(parsed.ownersOf("secrets/a.env").flatMap((e) => e.owners)).toEqual(["@acme/default"]);
  });

  test("comments and blank lines are not warnings", () => {
    expect(parseGithubCodeowners("# owners\n\n   \n* @a # all\n").warnings).toEqual([]);
  });
});
