import { spawn } from "node:child_process";
import { once } from "node:events";
import type { Readable, Writable } from "node:stream";
import { GitError } from "../model/errors.js";

/**
 * Config overrides on every git invocation. Command-line `-c` beats the repository's own config,
 * so a hostile `.git/config` cannot name a program for git to run: no fsmonitor or hooks, no
 * external diff, pager, signature program or credential helper, and no transport (a partial
 * clone must not lazily fetch through an `ext::` remote or a file remote's `uploadpack`).
 */
const HARDENING = [
  "core.fsmonitor=false",
  "core.hooksPath=/dev/null",
  "core.sshCommand=false",
  "core.askPass=",
  "core.pager=cat",
  "core.untrackedCache=false",
  "core.quotePath=false",
  "diff.external=",
  "diff.submodule=short",
  "credential.helper=",
  "protocol.allow=never",
  ...["file", "git", "ssh", "http", "https", "ext", "fd"].map((name) => `protocol.${name}.allow=never`),
  "log.showSignature=false",
  "gpg.program=false",
  "gc.auto=0",
  "maintenance.auto=false",
  "i18n.logOutputEncoding=UTF-8",
].flatMap((setting) => ["-c", setting]);

/** Options every diff-producing command (log, diff) gets: no repository-configured programs. */
export const DIFF_SAFETY = ["--no-ext-diff", "--no-textconv", "--no-color"] as const;

const ENV: Readonly<Record<string, string>> = {
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_TERMINAL_PROMPT: "0",
  GIT_OPTIONAL_LOCKS: "0",
  GIT_PAGER: "cat",
  // Lazy fetching is blocked twice here (and by the protocol settings above), as git versions
  // honour different locks: GIT_NO_LAZY_FETCH (git >= 2.39.4), and an allow-list naming no real
  // protocol, which unlike `-c protocol.allow=never` beats a repository's `protocol.ext.allow=always`.
  GIT_NO_LAZY_FETCH: "1",
  GIT_ALLOW_PROTOCOL: "nhiscan-none",
  LC_ALL: "C",
};

// An inherited GIT_DIR or GIT_WORK_TREE would point git away from the target; an external diff
// program is never wanted. GIT_INDEX_FILE stays: a pre-commit hook's staged content lives there.
const DROPPED_ENV = new Set(["GIT_DIR", "GIT_WORK_TREE", "GIT_EXTERNAL_DIFF", "GIT_ASKPASS", "SSH_ASKPASS"]);

function gitEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !DROPPED_ENV.has(name)) env[name] = value;
  }
  return { ...env, ...ENV };
}

const STDERR_TAIL = 400;
// Enough stderr for any error message; a chatty process cannot grow it without bound.
const STDERR_KEEP = 64 * 1024;

/**
 * A running git process: stdout is a raw byte stream, stderr is collected for errors, and
 * `done` settles when it exits (rejecting, with the stderr, on a non-zero exit). Plain
 * node:child_process: an execa import cost ~120 ms of every start.
 */
export interface GitProcess {
  readonly stdout: Readable;
  readonly stdin: Writable | null;
  readonly done: Promise<void>;
  kill(): void;
}

/** A failed git process: its exit code and the tail of its stderr. */
class GitExit extends Error {
  readonly exitCode: number | null;
  readonly stderr: string;
  constructor(exitCode: number | null, stderr: string) {
    super(`exit ${exitCode ?? "by signal"}`);
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

/**
 * Pack files are read through mapped windows; git's defaults (1 GiB windows, 8 GiB in all) let a
 * history pass keep the whole pack resident (rails/rails: cat-file alone peaked at 616 MB, the
 * scan's peak). 32 MB windows, at most 128 MB mapped, bound it at a few percent more mapping calls.
 */
const PACK_WINDOWS = ["-c", "core.packedGitWindowSize=32m", "-c", "core.packedGitLimit=128m"];

/** Full argument list of a hardened git invocation. */
export function gitArgv(args: readonly string[]): string[] {
  return ["--no-pager", ...HARDENING, ...PACK_WINDOWS, ...args];
}

function startGit(cwd: string, args: readonly string[], env: Record<string, string>, withStdin: boolean): GitProcess {
  const child = spawn("git", gitArgv(args), { cwd, env, stdio: [withStdin ? "pipe" : "ignore", "pipe", "pipe"] });
  const { stdout, stderr: errors } = child;
  if (stdout === null || errors === null) throw new Error("git was started without pipes");
  let stderr = "";
  errors.setEncoding("utf8");
  errors.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEEP);
  });
  // A write after git exited fails with EPIPE; `writeAll` sees it through `once(stdin, "drain")`.
  child.stdin?.on("error", () => undefined);
  const done = new Promise<void>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => (code === 0 ? resolve() : reject(new GitExit(code, stderr))));
  });
  // Callers that abandon a process never look at its outcome.
  done.catch(() => undefined);
  return { stdout, stdin: child.stdin, done, kill: () => void child.kill() };
}

/** Starts `git args` in `cwd` with streamed stdout; stdin is a pipe only when `withStdin`. */
export function spawnGit(cwd: string, args: readonly string[], withStdin = false): GitProcess {
  return startGit(cwd, args, gitEnv(), withStdin);
}

/** Runs git to the end and returns its whole stdout. */
async function runGit(cwd: string, args: readonly string[], env: Record<string, string>): Promise<string> {
  const git = startGit(cwd, args, env, false);
  const chunks: Buffer[] = [];
  git.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
  await git.done;
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Runs a git command with small output and returns its stdout; failures become GitError.
 * Commands that read work-tree files or print diffs also get the repository's own filter, diff
 * and merge drivers switched off (see `driverOverrides`).
 */
export async function gitText(cwd: string, args: readonly string[]): Promise<string> {
  try {
    const drivers = WORKTREE_READERS.has(args[0] ?? "") ? await driverOverrides(cwd) : [];
    return await runGit(cwd, args, { ...gitEnv(), ...configEnv(drivers) });
  } catch (error) {
    throw toGitError(args, error);
  }
}

// Commands that may read work-tree files (where `filter.<x>.clean` runs) or render diffs
// (`diff.<x>.textconv`, `diff.<x>.command`). The drivers are named by attributes, which git
// cannot be told to ignore before 2.40, so the programs themselves are blanked.
const WORKTREE_READERS = new Set(["blame", "status", "diff", "grep", "ls-files", "add", "show", "log", "stash", "check-attr"]);
const DRIVER_KEYS = "^(filter|diff|merge)\\..+\\.(clean|smudge|process|textconv|command|driver)$";
const pendingDrivers = new Map<string, Promise<string[]>>();

/**
 * Every driver program the repository's config names (`filter.evil.clean`, …): set to the empty
 * string, git runs nothing for it. Read fresh for each command (a config can change between
 * scans); concurrent calls for one folder share the read.
 */
export function driverOverrides(cwd: string): Promise<string[]> {
  const pending = pendingDrivers.get(cwd);
  if (pending !== undefined) return pending;
  const args = ["config", "-z", "--name-only", "--get-regexp", DRIVER_KEYS];
  // Exit 1 means no such key; any failure here leaves the later command to report its own.
  const read = runGit(cwd, args, gitEnv())
    .then((stdout) => stdout.split("\u0000").filter((key) => key !== ""))
    .catch(() => [])
    .finally(() => pendingDrivers.delete(cwd));
  pendingDrivers.set(cwd, read);
  return read;
}

/** Config as environment (GIT_CONFIG_COUNT/KEY/VALUE), after any the user set: keys may hold `=`, which `-c` cannot carry. */
function configEnv(blankKeys: readonly string[]): Record<string, string> {
  if (blankKeys.length === 0) return {};
  const base = Number(process.env["GIT_CONFIG_COUNT"] ?? 0) || 0;
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(base + blankKeys.length) };
  blankKeys.forEach((key, i) => {
    env[`GIT_CONFIG_KEY_${base + i}`] = key;
    env[`GIT_CONFIG_VALUE_${base + i}`] = "";
  });
  return env;
}

/** Waits for a streamed git process to exit; a failure becomes GitError. */
export async function finishGit(process: GitProcess, args: readonly string[]): Promise<void> {
  try {
    await process.done;
  } catch (error) {
    throw toGitError(args, error);
  }
}

/** Stops a git process the consumer no longer needs, without leaving a rejected promise. */
export async function abandonGit(process: GitProcess): Promise<void> {
  process.kill();
  await process.done.catch(() => undefined);
}

/** A GitError naming the command and the tail of its stderr. */
export function toGitError(args: readonly string[], error: unknown): GitError {
  const stderr = typeof (error as { stderr?: unknown }).stderr === "string" ? (error as { stderr: string }).stderr.trim() : "";
  const tail = stderr.length > STDERR_TAIL ? `…${stderr.slice(-STDERR_TAIL)}` : stderr;
  const detail = tail === "" ? (error instanceof Error ? error.message : String(error)) : tail;
  return new GitError(`git ${args.slice(0, 3).join(" ")} failed: ${detail.replaceAll("\n", " | ")}`, { cause: error });
}

/** Splits a byte stream into records at `separator` (a newline or NUL), decoded as UTF-8. */
export async function* splitRecords(stream: AsyncIterable<Buffer>, separator: number): AsyncGenerator<string> {
  let rest: Buffer | undefined;
  for await (const chunk of stream) {
    const data = rest === undefined ? chunk : Buffer.concat([rest, chunk]);
    let start = 0;
    for (let end = data.indexOf(separator); end !== -1; end = data.indexOf(separator, start)) {
      yield data.toString("utf8", start, end);
      start = end + 1;
    }
    rest = start < data.length ? data.subarray(start) : undefined;
  }
  if (rest !== undefined && rest.length > 0) yield rest.toString("utf8");
}

/** Writes chunks to a process's stdin with backpressure, then closes it. */
export async function writeAll(stdin: Writable, chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>): Promise<void> {
  try {
    for await (const chunk of chunks) {
      if (!stdin.write(chunk)) await once(stdin, "drain");
    }
  } finally {
    // Also when the source failed: the process then ends, and the failure is reported once.
    stdin.end();
  }
}

/** The stdout of a streamed process, typed as the byte stream it is. */
export function stdoutOf(process: GitProcess): Readable & AsyncIterable<Buffer> {
  return process.stdout as Readable & AsyncIterable<Buffer>;
}
