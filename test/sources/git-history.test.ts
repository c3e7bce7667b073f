import { beforeAll, describe, expect, test } from "vitest";
import { scan } from "../../src/api/scan.js";
import type { Finding } from "../../src/model/finding.js";
import type { ScanReport } from "../../src/model/report.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { countReachableBlobs, createRepo, signatureEnv } from "../helpers/git-repo.js";
import type { Signature, TestRepo } from "../helpers/git-repo.js";

const fake = fakeSecrets(4004);
const [replaced, current, deleted, branchOnly, stashed, olderStash] = [0, 1, 2, 3, 4, 5].map(() => fake.githubClassicPat()) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
const alice: Signature = { name: "Alice Dev", email: "alice@example.test", date: "2023-01-02T10:00:00+00:00" };
const bob: Signature = { name: "Bob Ops", email: "bob@example.test", date: "2023-02-03T11:00:00+00:00" };
const carol: Signature = { name: "Carol Sec", email: "carol@example.test", date: "2023-03-04T12:00:00+00:00" };
const dave: Signature = { name: "Dave Side", email: "dave@example.test", date: "2023-04-05T13:00:00+00:00" };
const erin: Signature = { name: "Erin Stash", email: "erin@example.test", date: "2023-05-06T14:00:00+00:00" };

interface History {
  readonly repo: TestRepo;
  readonly commits: Record<"c1" | "c2" | "c3" | "side", string>;
}

/**
 * c1 (alice) adds .env with `replaced`; c2 (bob) replaces it with `current` and adds deploy.sh
 * with `deleted`; c3 (carol) deletes deploy.sh and copies .env to .env.staging (same blob).
 * A branch (dave) adds `branchOnly`; two stashes (erin) hold `olderStash` and `stashed`.
 */
async function buildHistory(): Promise<History> {
  const repo = await createRepo();
  repo.write({ "config/.env": `LOG=debug\nGITHUB_TOKEN=${replaced}\n`, "README.md": "# demo\n", "logo.png": Buffer.from([0x89, 0x50, 0, 0, 1]) });
  const c1 = await repo.commit("initial", alice);
  repo.write({ "config/.env": `LOG=debug\nGITHUB_TOKEN=${current}\n`, "scripts/deploy.sh": `#!/bin/sh\nexport TOKEN=${deleted}\n` });
  const c2 = await repo.commit("rotate token, add deploy", bob);
  repo.remove("scripts/deploy.sh");
  repo.write({ "config/.env.staging": `LOG=debug\nGITHUB_TOKEN=${current}\n` });
  const c3 = await repo.commit("drop deploy script", carol);
  await repo.git(["switch", "-q", "-c", "feature", c2]);
  repo.write({ "src/key.ts": `export const key = "${branchOnly}";\n` });
  const side = await repo.commit("feature work", dave);
  await repo.git(["switch", "-q", "main"]);
  for (const secret of [olderStash, stashed]) {
    repo.write({ "README.md": `# demo\ntoken: ${secret}\n` });
    await repo.git(["stash", "push", "-q", "-m", "wip"], { env: signatureEnv(erin) });
  }
  await repo.git(["tag", "v1", c1]);
  return { repo, commits: { c1, c2, c3, side } };
}

const byValue = (report: ScanReport, secret: string) => report.items.filter((i) => i.preview.startsWith(secret.slice(0, 4)) && i.secret === secret);
const gitOf = (f: Finding) => (f.provenance.kind === "git" ? f.provenance : undefined);

describe("scan --history", () => {
  let history: History;
  let report: ScanReport;
  beforeAll(async () => {
    history = await buildHistory();
    report = await scan({ paths: [history.repo.dir], history: true, workers: 0, showSecrets: true, failOn: ["none"] });
  });

  test("every distinct secret is one credential, each found once", () => {
    for (const secret of [replaced, current, deleted, branchOnly, stashed, olderStash]) expect(byValue(report, secret)).toHaveLength(1);
    expect(report.items).toHaveLength(6);
    expect(report.stats.unit).toBe("blobs");
  });

  test("each distinct blob is scanned exactly once; binaries are counted as skipped", async () => {
    const blobs = await countReachableBlobs(history.repo.dir);
    expect(report.stats.files + report.stats.skipped.binary).toBe(blobs);
    expect(report.stats.skipped.binary).toBe(1);
  });

  test.each([
    ["replaced", () => replaced, "c1", alice, false],
    ["current", () => current, "c2", bob, true],
    ["deleted", () => deleted, "c2", bob, false],
    ["branch-only", () => branchOnly, "side", dave, false],
  ] as const)("%s secret: first commit, author, date and inHead", (_name, secret, commit, who, inHead) => {
    const [item] = byValue(report, secret());
    const first = item?.locations.map(gitOf).sort((a, b) => (a?.introduced?.date ?? "").localeCompare(b?.introduced?.date ?? ""))[0];
    expect(first?.introduced).toEqual({ sha: history.commits[commit], author: who.name, email: who.email, date: who.date });
    expect(item?.inHead).toBe(inHead);
  });

  test("a deleted secret has inHead false, the removing commit and the last commit that had it", () => {
    const git = gitOf(byValue(report, deleted)[0]?.locations[0] as Finding);
    expect(git?.inHead).toBe(false);
    expect(git?.removedIn?.sha).toBe(history.commits.c3);
    expect(git?.lastSeen?.sha).toBe(history.commits.c2);
    expect(byValue(report, deleted)[0]?.locations[0]?.path).toBe("scripts/deploy.sh");
  });

  test("a replaced secret was removed by the commit that changed its file", () => {
    const git = gitOf(byValue(report, replaced)[0]?.locations[0] as Finding);
    expect(git?.removedIn?.sha).toBe(history.commits.c2);
    expect(git?.lastSeen?.author).toBe(alice.name);
  });

  test("one blob at two paths yields a finding per path, each with its own introduction", () => {
    const locations = byValue(report, current)[0]?.locations ?? [];
    expect(locations.map((l) => `${l.path}:${l.line}`)).toEqual(["config/.env:2", "config/.env.staging:2"]);
    const introducedBy = Object.fromEntries(locations.map((l) => [l.path, gitOf(l)?.introduced?.sha]));
    expect(introducedBy).toEqual({ "config/.env": history.commits.c2, "config/.env.staging": history.commits.c3 });
    expect(new Set(locations.map((l) => l.matchId)).size).toBe(2);
    expect(locations.every((l) => gitOf(l)?.inHead === true && gitOf(l)?.lastSeen?.sha === history.commits.c3)).toBe(true);
  });

  test("every stash entry is scanned, not only the newest", () => {
    for (const secret of [stashed, olderStash]) {
      const location = byValue(report, secret)[0]?.locations[0];
      expect(location?.path).toBe("README.md");
      expect(gitOf(location as Finding)?.introduced?.author).toBe(erin.name);
      expect(gitOf(location as Finding)?.inHead).toBe(false);
    }
  });

  test("oversized blobs are skipped by size, unread, and counted", async () => {
    const small = await scan({ paths: [history.repo.dir], history: true, workers: 0, maxFileSize: 20, failOn: ["none"] });
    expect(small.stats.skipped["too-large"]).toBeGreaterThan(0);
    expect(small.items).toHaveLength(0);
    expect(small.warnings.some((w) => w.reason === "too-large" && w.path === "config/.env")).toBe(true);
  });
});

describe("scan --history on worker threads", () => {
  // Past the first events, which this thread scans itself, blobs travel to the workers as bytes in
  // shared memory (reused once scanned): every blob must arrive whole, binaries still skipped.
  test("blobs handed to workers are scanned whole, with the same result as on this thread", async () => {
    const repo = await createRepo();
    const secrets = Array.from({ length: 6 }, () => fake.githubClassicPat());
    const files: Record<string, string | Buffer> = {};
    for (let i = 0; i < 300; i++) files[`src/m${i % 7}/f${i}.ts`] = `export const v${i} = ${i};\n${"// filler line\n".repeat(i % 50)}`;
    for (const [i, secret] of secrets.entries()) files[`deploy/d${i}.sh`] = `${"# pad\n".repeat(i * 40)}export GITHUB_TOKEN=${secret}\n`;
    files["assets/blob.bin"] = Buffer.from([0, 1, 2, 3, 0, 255]);
    repo.write(files);
    await repo.commit("many files", alice);
    const options = { paths: [repo.dir], history: true, showSecrets: true, failOn: ["none"] } as const;
    const [onWorkers, inline] = await Promise.all([scan({ ...options, workers: 2 }), scan({ ...options, workers: 0 })]);
    expect(onWorkers.stats.files).toBe(306);
    expect(onWorkers.stats.skipped.binary).toBe(1);
    for (const secret of secrets) expect(onWorkers.items.filter((i) => i.secret === secret)).toHaveLength(1);
    const located = (r: ScanReport) => r.items.flatMap((i) => i.locations.map((l) => `${l.path}:${l.line}:${l.column}`)).sort();
    expect(located(onWorkers)).toEqual(located(inline));
    expect(onWorkers.stats.bytes).toBe(inline.stats.bytes);
  });
});
