import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { scan } from "../../src/api/scan.js";
import type { ScanReport } from "../../src/model/report.js";
import { tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo, runGit } from "../helpers/git-repo.js";
import type { TestRepo } from "../helpers/git-repo.js";

const fake = fakeSecrets(4007);
const [early, late, inSubmodule] = [fake.githubClassicPat(), fake.githubClassicPat(), fake.githubClassicPat()];
const who = (day: number) => ({ name: "Alice", email: "alice@example.test", date: `2024-01-0${day}T09:00:00+00:00` });

const history = (dir: string) => scan({ paths: [dir], history: true, workers: 0, showSecrets: true, failOn: ["none"] });
const secretsOf = (report: ScanReport) => report.items.map((i) => i.secret).sort();

describe("git history across repository shapes", () => {
  let origin: TestRepo;
  beforeAll(async () => {
    origin = await createRepo();
    origin.write({ "one.env": `TOKEN=${early}\n` });
    await origin.commit("one", who(1));
    origin.write({ "two.env": `TOKEN=${late}\n` });
    await origin.commit("two", who(2));
  });

  test("a bare repository", async () => {
    const bare = path.join(tempDir(), "bare.git");
    await runGit(origin.dir, ["clone", "-q", "--bare", origin.dir, bare]);
    const report = await history(bare);
    expect(secretsOf(report)).toEqual([early, late].sort());
    expect(report.items.every((i) => i.inHead)).toBe(true);
  });

  test("a linked worktree sees the whole repository's history", async () => {
    const worktree = path.join(tempDir(), "wt");
    await origin.git(["worktree", "add", "-q", "-b", "wt-branch", worktree, "HEAD~1"]);
    const report = await history(worktree);
    expect(secretsOf(report)).toEqual([early, late].sort());
    // HEAD of the worktree is the first commit: the later secret is not in its HEAD.
    expect(report.items.find((i) => i.secret === late)?.inHead).toBe(false);
  });

  test("a repository with a submodule: the gitlink is not a blob, the submodule is not entered", async () => {
    const sub = await createRepo();
    sub.write({ "sub.env": `TOKEN=${inSubmodule}\n` });
    await sub.commit("sub", who(3));
    const parent = await createRepo();
    parent.write({ "main.env": `TOKEN=${early}\n` });
    await parent.commit("main", who(4));
    await parent.git(["-c", "protocol.file.allow=always", "submodule", "add", "-q", sub.dir, "vendor/sub"]);
    await parent.commit("add submodule", who(5));
    const report = await history(parent.dir);
    expect(secretsOf(report)).toEqual([early]);
    expect(report.stats.skipped.unreadable).toBe(0);
  });

  test("a shallow clone works and warns that history is partial", async () => {
    const shallow = path.join(tempDir(), "shallow");
    await runGit(origin.dir, ["clone", "-q", "--depth", "1", `file://${origin.dir}`, shallow]);
    const report = await history(shallow);
    expect(secretsOf(report)).toEqual([early, late].sort());
    expect(report.warnings).toContainEqual(expect.objectContaining({ reason: "partial-history" }));
  });

  test("an empty repository scans nothing", async () => {
    const empty = await createRepo();
    const report = await history(empty.dir);
    expect(report.items).toEqual([]);
    expect(report.stats.files).toBe(0);
  });

  test("a subfolder of a repository scans the whole repository's history, with root-relative paths", async () => {
    origin.write({ "deep/dir/x.env": `TOKEN=${inSubmodule}\n` });
    await origin.commit("deep", who(6));
    const report = await history(path.join(origin.dir, "deep"));
    expect(report.items.find((i) => i.secret === inSubmodule)?.locations[0]?.path).toBe("deep/dir/x.env");
  });
});
