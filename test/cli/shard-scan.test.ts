import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";
import { writeTree } from "../helpers/tree.js";

const fakes = fakeSecrets(2020);
const shared = fakes.githubClassicPat();
const who = { name: "Dev", email: "dev@example.com", date: "2026-01-05T10:00:00Z" };
// Two repositories named `api`: labels must be the paths in every shard, as in one process.
const REPOS = ["team-a/api", "team-b/api", "web", "billing", "infra", "docs"];

async function organisation(): Promise<string> {
  const root = tempDir();
  for (const [i, name] of REPOS.entries()) {
    mkdirSync(path.join(root, name), { recursive: true });
    const repo = await createRepo(path.join(root, name));
    repo.write({ "config/.env": `GITHUB_TOKEN=${shared}\n`, [`src/own${i}.env`]: `NPM_TOKEN=${fakes.npmToken()}\n` });
    await repo.commit("add config", who);
    if (i % 2 === 0) {
      repo.remove(`src/own${i}.env`);
      await repo.commit("remove token", { ...who, date: "2026-02-05T10:00:00Z" });
    }
  }
  writeTree({ "repos.txt": `${REPOS.join("\n")}\n` }, root);
  return root;
}

async function scanJson(args: readonly string[], cwd: string): Promise<ScanReport> {
  const { exitCode, stdout, stderr } = await runCli(["scan", ...args, "--history", "--format", "json", "--fail-on", "none", "--workers", "0"], { cwd });
  expect(stderr).not.toMatch(/error/i);
  expect(exitCode).toBe(0);
  return JSON.parse(stdout) as ScanReport;
}

/** Every (credential, repository, path, introducing commit, in HEAD) the report holds. */
const sightings = (reports: readonly ScanReport[]) =>
  reports
    .flatMap((r) =>
      r.items.flatMap((i) =>
        i.locations.map((l) => {
          const git = l.provenance.kind === "git" ? l.provenance : undefined;
          return `${i.credentialId} ${l.repository ?? "-"}:${l.path} ${git?.introduced?.sha ?? "-"} ${git?.inHead === true}`;
        }),
      ),
    )
    .sort();

describe("scan --repos-file F --shard I/N", () => {
  test("the shards of N together find exactly what one process finds, labelled alike; an empty shard scans nothing", async () => {
    const root = await organisation();
    const whole = await scanJson(["--repos-file", "repos.txt"], root);
    expect(new Set(whole.items.flatMap((i) => i.locations.map((l) => l.repository)))).toEqual(new Set(REPOS));
    for (const n of [3, 8]) {
      const shards = await Promise.all([...Array(n).keys()].map((i) => scanJson(["--repos-file", "repos.txt", "--shard", `${i}/${n}`], root)));
      expect(shards.flatMap((r) => r.targets).sort()).toEqual([...REPOS].sort());
      expect(sightings(shards)).toEqual(sightings([whole]));
      if (n === 8) expect(shards.some((r) => r.targets.length === 0 && r.items.length === 0)).toBe(true);
    }
  });

  test.each([
    ["without --repos-file", ["--shard", "0/2"], /--shard needs --repos-file/],
    ["with paths", ["web", "--repos-file", "repos.txt", "--shard", "0/2"], /--shard scans a part of --repos-file and takes no paths/],
    ["an index past the end", ["--repos-file", "repos.txt", "--shard", "2/2"], /the shard index I must be 0 to 1 \(0-based\), got 2/],
    ["a 1-based guess", ["--repos-file", "repos.txt", "--shard", "1-2"], /expected I\/N, e.g. 0\/4/],
    ["zero shards", ["--repos-file", "repos.txt", "--shard", "0/0"], /the shard count N must be 1 to 10000/],
  ])("--shard %s is a usage error (exit 2)", async (_name, args, message) => {
    const root = writeTree({ "repos.txt": "web\napi\n" });
    const { exitCode, stderr } = await runCli(["scan", ...args], { cwd: root });
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(message);
  });
});
