import { execa } from "execa";
import { beforeAll, describe, expect, test } from "vitest";
import { scan } from "../../src/api/scan.js";
import { countReachableBlobs, createRepo } from "../helpers/git-repo.js";
import type { TestRepo } from "../helpers/git-repo.js";

const COMMITS = 300;
const FILES_PER_COMMIT = 20;
const CONTENTS = 37;

/**
 * Every commit adds new paths whose contents come from a small set, so each content blob is
 * added again and again, in commits spread over the whole history (like the empty blob in real
 * repositories). The history listing and the pack-order reading run concurrently: a blob read
 * before the listing has seen all its commits used to be listed again and reported missing.
 * Built with fast-import: 300 commits by `git commit` would take seconds.
 */
async function buildRecurringHistory(): Promise<TestRepo> {
  const repo = await createRepo();
  let script = "";
  for (let i = 0; i < COMMITS; i++) {
    const when = 1672531200 + i * 60;
    script += `commit refs/heads/main\nmark :${i + 1}\nauthor A <a@example.test> ${when} +0000\ncommitter A <a@example.test> ${when} +0000\ndata 2\nc\n`;
    if (i > 0) script += `from :${i}\n`;
    for (let k = 0; k < FILES_PER_COMMIT; k++) {
      const body = `shared ${(i * FILES_PER_COMMIT + k) % CONTENTS}\n`;
      script += `M 100644 inline d${i}/${k}.txt\ndata ${Buffer.byteLength(body)}\n${body}\n`;
    }
    script += "\n";
  }
  await execa("git", ["fast-import", "--quiet", "--done"], { cwd: repo.dir, input: `${script}done\n` });
  await repo.git(["reset", "-q", "--hard"]);
  return repo;
}

describe("scan --history with blobs that recur across the history", () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await buildRecurringHistory();
  });

  // Several runs: the listing and the reading race, and one run may miss the window.
  test.each([0, 1, 2])("no blob that exists is reported missing (workers %i)", async (workers) => {
    expect(await countReachableBlobs(repo.dir)).toBe(CONTENTS);
    for (let run = 0; run < 3; run++) {
      const report = await scan({ paths: [repo.dir], history: true, workers, failOn: ["none"] });
      expect(report.warnings.filter((w) => w.reason === "unreadable")).toEqual([]);
      expect(report.stats.files).toBe(CONTENTS);
      expect(report.stats.skipped.unreadable).toBe(0);
    }
  });
});
