import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { execa } from "execa";
import { tempDir } from "./cli.js";

/** Who makes a commit, and when (ISO 8601, used as both author and committer date). */
export interface Signature {
  readonly name: string;
  readonly email: string;
  readonly date: string;
}

/** A real git repository in a temporary folder, built step by step. */
export interface TestRepo {
  readonly dir: string;
  /** Runs git in the repository with a fixed identity and no user or system config. */
  git(args: readonly string[], options?: { env?: Record<string, string>; cwd?: string }): Promise<string>;
  /** Writes files (creating folders), relative to the work tree. */
  write(files: Record<string, string | Buffer>): void;
  /** Deletes files from the work tree. */
  remove(...paths: string[]): void;
  /** Stages everything and commits as `who`; returns the commit id. */
  commit(message: string, who: Signature): Promise<string>;
}

// No user or system config: tests behave the same on every machine (no gpg signing, no hooks).
const BASE_ENV = { GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_TERMINAL_PROMPT: "0" };

/** Runs git with the test environment. */
export async function runGit(cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  const result = await execa("git", [...args], { cwd, env: { ...BASE_ENV, ...env }, stdin: "ignore" });
  return result.stdout;
}

/** The environment of a commit by `who`: author and committer identity and date. */
export function signatureEnv(who: Signature): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: who.name,
    GIT_AUTHOR_EMAIL: who.email,
    GIT_AUTHOR_DATE: who.date,
    GIT_COMMITTER_NAME: who.name,
    GIT_COMMITTER_EMAIL: who.email,
    GIT_COMMITTER_DATE: who.date,
  };
}

/** `git init` in a fresh temporary folder, on branch `main`. */
export async function createRepo(dir = tempDir("nhiscan-git-")): Promise<TestRepo> {
  await runGit(dir, ["init", "-q", "-b", "main"]);
  return openTestRepo(dir);
}

/** Wraps an existing work tree (a clone, a linked worktree). */
export function openTestRepo(dir: string): TestRepo {
  const repo: TestRepo = {
    dir,
    git: (args, options = {}) => runGit(options.cwd ?? dir, args, options.env),
    write(files) {
      for (const [rel, content] of Object.entries(files)) {
        const file = path.join(dir, rel);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, content);
      }
    },
    remove(...paths) {
      for (const rel of paths) rmSync(path.join(dir, rel), { force: true });
    },
    async commit(message, who) {
      await repo.git(["add", "-A"]);
      await repo.git(["commit", "-q", "--allow-empty", "-m", message], { env: signatureEnv(who) });
      return (await repo.git(["rev-parse", "HEAD"])).trim();
    },
  };
  return repo;
}

/** Distinct blobs reachable from any ref or stash entry, counted with plain git (the test's own count). */
export async function countReachableBlobs(dir: string): Promise<number> {
  const stashes = (await runGit(dir, ["stash", "list", "--format=%H"])).split("\n").filter((s) => s !== "");
  const objects = await runGit(dir, ["rev-list", "--objects", "--all", ...stashes]);
  const ids = objects
    .split("\n")
    .map((line) => line.split(" ")[0] ?? "")
    .filter((id) => id !== "");
  const types = await execa("git", ["cat-file", "--batch-check=%(objecttype)"], { cwd: dir, input: `${ids.join("\n")}\n`, env: BASE_ENV });
  return types.stdout.split("\n").filter((t) => t === "blob").length;
}
