import { beforeAll, describe, expect, test } from "vitest";
import { scan } from "../../src/api/scan.js";
import type { ScanReport } from "../../src/model/report.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";
import type { Signature, TestRepo } from "../helpers/git-repo.js";

const fake = fakeSecrets(4005);
const [first, second, third] = [fake.githubClassicPat(), fake.githubClassicPat(), fake.npmToken()];
const people: Signature[] = [
  { name: "Alice", email: "alice@example.test", date: "2024-01-01T09:00:00+00:00" },
  { name: "Bob", email: "bob@example.test", date: "2024-02-01T09:00:00+00:00" },
  { name: "Carol", email: "carol@example.test", date: "2024-03-01T09:00:00+00:00" },
];

const secretsOf = (report: ScanReport) => report.items.map((i) => i.secret).sort();
const sorted = (...values: string[]) => [...values].sort();

describe("scan --since / --range", () => {
  let repo: TestRepo;
  const commits: string[] = [];
  beforeAll(async () => {
    repo = await createRepo();
    const files = [`a.env`, `b.env`, `c.env`];
    for (const [i, secret] of [first, second, third].entries()) {
      repo.write({ [files[i] ?? ""]: `TOKEN=${secret}\n`, "notes.md": `step ${i}\n` });
      commits.push(await repo.commit(`step ${i}`, people[i] as Signature));
    }
  });
  const run = (extra: { since?: string; range?: string }) => scan({ paths: [repo.dir], ...extra, workers: 0, showSecrets: true, failOn: ["none"] });

  test("--since REV scans only blobs introduced after REV, with full provenance", async () => {
    const report = await run({ since: commits[0] ?? "" });
    expect(secretsOf(report)).toEqual(sorted(second, third));
    const location = report.items.find((i) => i.secret === second)?.locations[0];
    expect(location?.provenance).toMatchObject({ kind: "git", inHead: true, introduced: { sha: commits[1], author: "Bob", date: people[1]?.date } });
  });

  test("--range A..B scans only the commits in the range", async () => {
    const report = await run({ range: `${commits[0]}..${commits[1]}` });
    expect(secretsOf(report)).toEqual([second]);
    expect(report.stats.files).toBe(2);
  });

  test("--range with branch names and an empty end (A.. = A..HEAD)", async () => {
    await repo.git(["tag", "base", commits[1] ?? ""]);
    expect(secretsOf(await run({ range: "base.." }))).toEqual([third]);
    expect(secretsOf(await run({ range: "main~2..main~1" }))).toEqual([second]);
  });

  test("an empty range scans nothing", async () => {
    const report = await run({ since: "HEAD" });
    expect(report.items).toEqual([]);
    expect(report.stats.files).toBe(0);
  });

  test.each([
    ["--since", { since: "no-such-branch" }],
    ["--range", { range: "main..nope" }],
    ["--range", { range: "--output=/tmp/x" }],
    ["--since", { since: "-p" }],
  ] as const)("%s with an unknown or option-like revision is an input error", async (flag, extra) => {
    await expect(run(extra)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining(flag) });
  });
});
