import { beforeAll, describe, expect, test } from "vitest";
import { scan } from "../../src/api/scan.js";
import type { ScanReport } from "../../src/model/report.js";
import { runCli } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";

// Real repositories with CODEOWNERS files of both flavours: the owner hints of each location.

const fake = fakeSecrets(7301);
const alice = { name: "Alice", email: "alice@example.test", date: "2024-11-01T09:00:00+00:00" };
const NOW = new Date("2025-01-15T12:00:00Z");

/** Codeowners owner values of the credential found at `path`. */
function ownersAt(report: ScanReport, path: string): string[] {
  const item = report.items.find((i) => i.locations.some((l) => l.path === path));
  if (item === undefined) throw new Error(`no credential at ${path}`);
  return item.ownerHints.filter((h) => h.source !== "git-author").map((h) => `${h.source}:${h.value}`);
}

describe("GitHub CODEOWNERS in a real repository", () => {
  const files: Record<string, string> = {
    "services/api/.env": "",
    "config/app.yml": "",
    "config/prod.env": "",
    "config/legacy/old.yml": "",
    "deploy/k8s/logs/agent.yml": "",
    "docs/setup.md": "",
    "docs/guide/setup.md": "",
    "src/main.ts": "",
  };
  let report: ScanReport;
  beforeAll(async () => {
    const repo = await createRepo();
    for (const path of Object.keys(files)) files[path] = `TOKEN=${fake.githubClassicPat()}\n`;
    repo.write({
      ...files,
      ".github/CODEOWNERS": [
        "*                @acme/everyone",
        "/config/         @acme/platform",
        "*.env            @acme/secrets   # any .env, anywhere",
        "/config/legacy/",
        "**/logs          @acme/logging",
        "docs/*           docs@example.com",
        "!src/            @acme/nobody",
      ].join("\n"),
      // A root CODEOWNERS is shadowed by .github/CODEOWNERS.
      CODEOWNERS: "* @acme/ignored\n",
      ".nhiscan.yml": 'owners:\n  "config/legacy/**": "@acme/legacy-fallback"\n',
    });
    await repo.commit("add services", alice);
    report = await scan({ paths: [repo.dir], now: NOW, workers: 0 });
  });

  test.each([
    ["services/api/.env", ["codeowners:@acme/secrets"]],
    ["config/app.yml", ["codeowners:@acme/platform"]],
    // The last matching line wins over an earlier, more specific one.
    ["config/prod.env", ["codeowners:@acme/secrets"]],
    // An ownerless line un-owns; the config fallback then applies.
    ["config/legacy/old.yml", ["config:@acme/legacy-fallback"]],
    ["deploy/k8s/logs/agent.yml", ["codeowners:@acme/logging"]],
    ["docs/setup.md", ["codeowners:docs@example.com"]],
    ["docs/guide/setup.md", ["codeowners:@acme/everyone"]],
    // The invalid `!` line is ignored.
    ["src/main.ts", ["codeowners:@acme/everyone"]],
  ])("%s → %j", (path, expected) => {
    expect(ownersAt(report, path)).toEqual(expected);
  });

  test("hints name the CODEOWNERS line and carry high confidence", () => {
    const hint = report.items.find((i) => i.locations[0]?.path === "config/app.yml")?.ownerHints.find((h) => h.source === "codeowners");
    expect(hint).toEqual({ source: "codeowners", value: "@acme/platform", confidence: "high", evidence: ".github/CODEOWNERS:2 `/config/`" });
  });

  test("invalid and shadowed CODEOWNERS reach the report as warnings", () => {
    expect(report.warnings.filter((w) => w.reason === "codeowners")).toEqual([
      { path: "CODEOWNERS", reason: "codeowners", detail: "not used: .github/CODEOWNERS is found first" },
      { path: ".github/CODEOWNERS", reason: "codeowners", detail: expect.stringMatching(/^line 7: `!` negation is not supported/) },
    ]);
  });

  test("the commit author is a hint too, with the date of their latest commit", () => {
    const authors = report.items[0]?.ownerHints.filter((h) => h.source === "git-author");
    expect(authors).toEqual([
      {
        source: "git-author",
        value: "Alice <alice@example.test>",
        confidence: "medium",
        evidence: expect.stringMatching(/^introduced the value in [0-9a-f]{8} on 2024-11-01$/),
        lastActive: alice.date,
      },
    ]);
  });
});

describe("GitLab CODEOWNERS in a real repository", () => {
  let report: ScanReport;
  beforeAll(async () => {
    const repo = await createRepo();
    repo.write({
      "config/prod.env": `TOKEN=${fake.githubClassicPat()}\n`,
      "config/local.sample.env": `TOKEN=${fake.githubClassicPat()}\n`,
      "src/app.ts": `const t = "${fake.githubClassicPat()}";\n`,
      "docs/internal/notes.md": `token ${fake.githubClassicPat()}\n`,
      ".gitlab/CODEOWNERS": [
        "* @general",
        "",
        "[Secrets] @secops",
        "*.env",
        "!*.sample.env",
        "",
        "^[Platform][2]",
        "/config/ @platform",
        "",
        "[Docs] @docs",
        "docs/",
        "[docs]",
        "docs/internal/ @tech-writers",
      ].join("\n"),
    });
    await repo.commit("init", alice);
    report = await scan({ paths: [repo.dir], now: NOW, workers: 0 });
  });

  test.each([
    // Sections are evaluated separately and unioned; the unnamed section always applies.
    ["config/prod.env", ["codeowners:@general", "codeowners:@secops", "codeowners:@platform"]],
    // The exclusion drops only its own section.
    ["config/local.sample.env", ["codeowners:@general", "codeowners:@platform"]],
    ["src/app.ts", ["codeowners:@general"]],
    // A repeated section continues the first; its later entry wins there.
    ["docs/internal/notes.md", ["codeowners:@general", "codeowners:@tech-writers"]],
  ])("%s → %j", (path, expected) => {
    expect(ownersAt(report, path)).toEqual(expected);
  });

  test("evidence names the section", () => {
    const hints = report.items.find((i) => i.locations[0]?.path === "config/prod.env")?.ownerHints ?? [];
    expect(hints.find((h) => h.value === "@platform")?.evidence).toBe(".gitlab/CODEOWNERS:8 [Platform] `/config/`");
  });
});

describe("table output", () => {
  test("one row per credential with owner, first seen and age; the summary counts by grade, kind, owner and check", async () => {
    const repo = await createRepo();
    repo.write({ ".github/CODEOWNERS": "* @acme/everyone\n", "config/app.env": `TOKEN=${fake.githubClassicPat()}\n` });
    await repo.commit("init", alice);
    const { stdout } = await runCli(["scan", repo.dir, "--fail-on", "none"]);
    for (const heading of ["Grade", "Kind / provider", "Credential", "Locations", "First seen", "Age", "Owner", "Failing checks"])
      expect(stdout).toContain(heading);
    expect(stdout).toContain("@acme/everyone");
    expect(stdout).toContain("2024-11-01");
    expect(stdout).toContain("config/app.env:1");
    expect(stdout).toMatch(/Grades: A 0 · B 0 · C 0 · D \d · F \d\./);
    expect(stdout).toContain("Kinds: token 1.");
    expect(stdout).toContain("Owners: @acme/everyone 1.");
    expect(stdout).toMatch(/Failing checks: leaked-secret 1 · .*rotation-age 1/);
  });
});
