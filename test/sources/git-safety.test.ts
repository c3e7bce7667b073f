import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo, runGit } from "../helpers/git-repo.js";
import type { TestRepo } from "../helpers/git-repo.js";
import { driverTraps, gitTraps } from "../helpers/git-traps.js";

const fake = fakeSecrets(4008);
const [committed, staged] = [fake.githubClassicPat(), fake.githubClassicPat()];
const who = { name: "Mallory", email: "mallory@example.test", date: "2024-01-01T09:00:00+00:00" };
const HOOKS = ["pre-commit", "post-commit", "post-checkout", "post-index-change", "reference-transaction", "pre-auto-gc", "post-rewrite"];

interface Hostile {
  readonly repo: TestRepo;
  /** Every trap touches a file named after itself here. */
  readonly marks: string;
  readonly ghostBlob: string;
}

/**
 * A repository whose config names a program at every place git may run one: fsmonitor, hooks,
 * external diff (config and attribute driver), textconv, clean/smudge filters, pager, signature
 * verification of a signed commit, ssh, askpass, credential helper, and a partial-clone promisor
 * remote with an `ext::` URL (a lazy fetch of the missing blob would run it).
 */
async function hostileRepo(): Promise<Hostile> {
  const repo = await createRepo();
  const traps = gitTraps();
  const { marks, bin, trap } = traps;
  repo.write({ "notes.txt": "one\n" });
  await repo.commit("one", who);
  repo.write({ "config.env": `TOKEN=${committed}\n`, "notes.txt": "one\ntwo\n" });
  await repo.commit("two", who);
  await plantSignedCommit(repo);
  const ghostBlob = await plantGhostCommit(repo);
  repo.write({ "staged.env": `TOKEN=${staged}\n` });
  await repo.git(["add", "staged.env"]);
  const hooks = path.join(bin, "hooks");
  mkdirSync(hooks);
  for (const hook of HOOKS) writeFileSync(path.join(hooks, hook), `#!/bin/sh\ntouch '${path.join(marks, `hook-${hook}`)}'\n`, { mode: 0o755 });
  const config: [string, string][] = [
    ...driverTraps(repo.dir, traps),
    ["core.hooksPath", hooks],
    ["pager.log", trap("pager-log")],
    ["log.showSignature", "true"],
    ["gpg.program", trap("gpg")],
    ["core.sshCommand", trap("ssh")],
    ["core.askPass", trap("askpass")],
    ["credential.helper", `!${trap("credential")}`],
    ["core.repositoryformatversion", "1"],
    ["extensions.partialClone", "origin"],
    ["remote.origin.promisor", "true"],
    ["remote.origin.url", `ext::sh -c touch% ${path.join(marks, "ext-remote")}`],
    ["protocol.ext.allow", "always"],
    ["protocol.allow", "always"],
  ];
  for (const [key, value] of config) await repo.git(["config", key, value]);
  return { repo, marks, ghostBlob };
}

/** A commit with a (fake) signature: `log.showSignature` would hand it to `gpg.program`. */
async function plantSignedCommit(repo: TestRepo): Promise<void> {
  const body = await repo.git(["cat-file", "commit", "HEAD"]);
  const signature = "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEEnotreal\n -----END PGP SIGNATURE-----";
  const signed = body.replace(/^(committer .*)$/m, `$1\n${signature}`);
  const { stdout } = await execa("git", ["hash-object", "-t", "commit", "-w", "--stdin"], { cwd: repo.dir, input: `${signed}\n` });
  await repo.git(["update-ref", "refs/heads/signed", stdout.trim()]);
}

/** A child of HEAD whose tree names a blob absent from the object store: reading it would lazily fetch. */
async function plantGhostCommit(repo: TestRepo): Promise<string> {
  const { stdout: blob } = await execa("git", ["hash-object", "--stdin"], { cwd: repo.dir, input: "never stored\n" });
  const { stdout: tree } = await execa("git", ["mktree", "--missing"], { cwd: repo.dir, input: `100644 blob ${blob.trim()}\tghost.txt\n` });
  const commit = await repo.git(["commit-tree", tree.trim(), "-p", "HEAD", "-m", "ghost"], {
    env: { GIT_AUTHOR_NAME: "x", GIT_AUTHOR_EMAIL: "x@x", GIT_COMMITTER_NAME: "x", GIT_COMMITTER_EMAIL: "x@x" },
  });
  await repo.git(["update-ref", "refs/heads/ghost", commit.trim()]);
  return blob.trim();
}

describe("scanning a hostile repository runs none of its programs", () => {
  let hostile: Hostile;
  beforeAll(async () => {
    hostile = await hostileRepo();
  });

  test.each([
    ["working tree", [], 1],
    ["--history", ["--history"], 1],
    ["--since", ["--since", "HEAD~1"], 1],
    ["--range", ["--range", "HEAD~1..HEAD"], 1],
    ["--range over the commit with a missing blob", ["--range", "main..ghost"], 0],
    ["--staged", ["--staged"], 1],
  ])("%s", async (_mode, flags, expected) => {
    const { exitCode, stderr } = await runCli(["scan", hostile.repo.dir, ...flags, "--format", "json", "--workers", "0"]);
    expect(stderr).not.toMatch(/error/i);
    expect(exitCode).toBe(expected);
    expect(readdirSync(hostile.marks)).toEqual([]);
  });

  test("the traps are live: plain git runs them", async () => {
    const { dir } = hostile.repo;
    await runGit(dir, ["status"]).catch(() => undefined);
    await runGit(dir, ["diff", "--cached"]).catch(() => undefined);
    await runGit(dir, ["diff", "--cached", "--no-ext-diff"]).catch(() => undefined);
    await runGit(dir, ["log", "-1", "signed"]).catch(() => undefined);
    await execa("git", ["cat-file", "--batch-check"], { cwd: dir, input: `${hostile.ghostBlob}\n`, reject: false });
    await runGit(dir, ["commit", "-q", "--allow-empty", "-m", "control"], {
      GIT_AUTHOR_NAME: "c",
      GIT_AUTHOR_EMAIL: "c@c",
      GIT_COMMITTER_NAME: "c",
      GIT_COMMITTER_EMAIL: "c@c",
    }).catch(() => undefined);
    expect(readdirSync(hostile.marks)).toEqual(
      expect.arrayContaining(["fsmonitor", "diff-driver", "textconv", "filter-clean", "gpg", "ext-remote", "hook-pre-commit"]),
    );
  });
});
