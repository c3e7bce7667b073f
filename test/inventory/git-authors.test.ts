import { beforeAll, describe, expect, test } from "vitest";
import { authorActivity, blameLines, isoDate, parseBlamePorcelain } from "../../src/inventory/git-authors.js";
import { lineCommits } from "../../src/inventory/line-commits.js";
import { valueMatcher } from "../../src/inventory/line-history.js";
import type { Finding } from "../../src/model/finding.js";
import { secretFingerprint } from "../../src/util/hash.js";
import { location } from "../helpers/credential.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";
import type { TestRepo } from "../helpers/git-repo.js";

const fake = fakeSecrets(5151);
const [kept, replaced, fresh] = [fake.githubClassicPat(), fake.githubClassicPat(), fake.githubClassicPat()];
const alice = { name: "Alice", email: "alice@example.test", date: "2023-01-10T09:00:00+00:00" };
const bob = { name: "Bob", email: "Bob@Example.test", date: "2024-03-01T12:30:00+01:00" };
const carol = { name: "Carol", email: "carol@example.test", date: "2024-06-01T08:00:00+00:00" };

/** A working-tree finding of `value` at `path:line`, as the scan stage makes it. */
function finding(path: string, line: number, text: string, value: string): Finding {
  return location({
    credentialId: secretFingerprint(value, undefined),
    matchId: `${path}:${line}`,
    preview: "ghp_…",
    path,
    line,
    column: text.indexOf(value) + 1,
  });
}

describe("commits of working-tree lines (real repository)", () => {
  let repo: TestRepo;
  let first: string;
  let second: string;
  let third: string;
  const lines = { kept: `TOKEN=${kept} # rotated never`, replaced: `OTHER=${fresh}`, fresh: `NEW=${fresh}` };

  beforeAll(async () => {
    repo = await createRepo();
    repo.write({ "config/app.env": `A=1\nTOKEN=${kept}\nOTHER=${replaced}\n` });
    first = await repo.commit("add config", alice);
    // Bob edits both lines: one keeps its value (a comment), one gets a new value.
    repo.write({ "config/app.env": `A=1\n${lines.kept}\n${lines.replaced}\n` });
    second = await repo.commit("tidy config", bob);
    repo.write({ "config/app.env": `A=1\n${lines.kept}\n${lines.replaced}\n${lines.fresh}\n` });
    third = await repo.commit("unrelated", carol);
    // Line 4 is changed again in the working tree only: not committed.
    repo.write({ "config/app.env": `A=1\n${lines.kept}\n${lines.replaced}\nNEW=uncommitted\n` });
  });

  test("blame names the last change of each asked line of HEAD, in one process", async () => {
    const blamed = await blameLines(repo.dir, "config/app.env", [2, 3, 4]);
    expect(blamed.map((b) => [b.line, b.commit?.sha, b.commit?.author, b.hasParent, b.text])).toEqual([
      [2, second, "Bob", true, lines.kept],
      [3, second, "Bob", true, lines.replaced],
      [4, third, "Carol", true, lines.fresh],
    ]);
    expect(blamed[0]?.commit).toMatchObject({ email: "Bob@Example.test", date: "2024-03-01T12:30:00+01:00" });
  });

  test("a line changed in the working tree since HEAD has no commit", async () => {
    const draft = finding("config/app.env", 4, "NEW=uncommitted", "uncommitted");
    expect((await lineCommits(repo.dir, [{ finding: draft, repoPath: draft.path }], undefined)).size).toBe(0);
  });

  test("the introducing commit follows the line back while it holds the value", async () => {
    const keptAt = finding("config/app.env", 2, lines.kept, kept);
    const replacedAt = finding("config/app.env", 3, lines.replaced, fresh);
    const commits = await lineCommits(
      repo.dir,
      [keptAt, replacedAt].map((f) => ({ finding: f, repoPath: f.path })),
      undefined,
    );
    expect(commits.get(keptAt)?.lastChange.sha).toBe(second);
    expect(commits.get(keptAt)?.introduced).toMatchObject({ sha: first, author: "Alice", date: alice.date });
    expect(commits.get(replacedAt)?.introduced.sha).toBe(second);
  });

  test("a line the file's first commit added needs no tracing", async () => {
    const other = await createRepo();
    other.write({ ".env": `A=1\nTOKEN=${kept}\n` });
    const sha = await other.commit("init", alice);
    const at = finding(".env", 2, `TOKEN=${kept}`, kept);
    const commits = await lineCommits(other.dir, [{ finding: at, repoPath: ".env" }], undefined);
    expect(commits.get(at)).toEqual({ lastChange: expect.objectContaining({ sha }), introduced: expect.objectContaining({ sha }) });
  });

  test("author activity: the newest author date per e-mail, case-insensitively", async () => {
    const activity = await authorActivity(repo.dir, new Set(["alice@example.test", "bob@example.test", "nobody@example.test"]));
    expect(Object.fromEntries(activity)).toEqual({ "alice@example.test": alice.date, "bob@example.test": bob.date });
  });
});

describe("pure helpers", () => {
  test.each([
    [1704099600, "+0000", "2024-01-01T09:00:00+00:00"],
    [1704099600, "+0130", "2024-01-01T10:30:00+01:30"],
    [1704099600, "-0500", "2024-01-01T04:00:00-05:00"],
  ])("isoDate(%i, %s) = %s", (epoch, tz, iso) => {
    expect(isoDate(epoch, tz)).toBe(iso);
  });

  test("porcelain: details once per commit, uncommitted lines without a commit", () => {
    const sha = "a".repeat(40);
    const out = [
      `${sha} 3 5 1`,
      "author Dana",
      "author-mail <dana@example.test>",
      "author-time 1704099600",
      "author-tz +0000",
      "summary x",
      `previous ${"b".repeat(40)} old/name.env`,
      "filename new/name.env",
      "\tKEY=value",
      `${sha} 4 6`,
      "filename new/name.env",
      "\tKEY2=value",
      `${"0".repeat(40)} 7 7 1`,
      "author Not Committed Yet",
      "filename new/name.env",
      "\tdraft",
    ].join("\n");
    const lines = parseBlamePorcelain(out);
    expect(lines.map((l) => [l.line, l.origLine, l.origPath, l.commit?.author, l.hasParent, l.text])).toEqual([
      [5, 3, "new/name.env", "Dana", true, "KEY=value"],
      [6, 4, "new/name.env", "Dana", true, "KEY2=value"],
      [7, 7, "new/name.env", undefined, false, "draft"],
    ]);
  });

  test("the value matcher recognises the value by its fingerprint, anywhere on a line", () => {
    const value = fake.githubClassicPat();
    const matcher = valueMatcher(`KEY=${value}`, 5, secretFingerprint(value, "k"), "k");
    expect(matcher?.(`  export KEY="${value}" # old`)).toBe(true);
    expect(matcher?.(`KEY=${value.slice(0, -1)}x`)).toBe(false);
    expect(valueMatcher("KEY=-----BEGIN", 5, secretFingerprint("-----BEGIN X-----\nabc", undefined), undefined)).toBeUndefined();
  });
});
