import { readdirSync, readFileSync } from "node:fs";
import type { Dirent } from "node:fs";
import { stat } from "node:fs/promises";
import type { Source, SourceEvent } from "../model/fragment.js";
import { InputError } from "../model/errors.js";
import { baseName, joinPath, joinPosix, toRelative } from "../util/path.js";
import { trackedFiles } from "./git-tracked.js";
import { IgnoreRules } from "./ignore-rules.js";
import type { IgnoredBy } from "./ignore-rules.js";

/** Options of a working-tree source. */
export interface FsSourceOptions {
  /** File or folder to scan. */
  readonly target: string;
  /** Paths in events are relative to this folder. */
  readonly displayRoot: string;
  /** Globs (relative to the target) never to scan. */
  readonly exclude: readonly string[];
  readonly maxFileSize: number;
  /** Whether the tree's own `.nhiscanignore` files apply (not in an organisation scan that does not trust repository config). Default true. */
  readonly repositoryIgnores?: boolean;
}

/**
 * A working tree: walks folders (honouring ignore files, not following symlinks) and yields
 * the files to read; the scan stage reads them where detection runs.
 */
export function fsSource(options: FsSourceOptions): Source {
  return { id: options.target, events: (signal) => walk(options, signal) };
}

/** `node_modules/nhiscan` holding nhiscan's package.json: this tool, installed. */
function isInstalledNhiscan(abs: string, parent: string): boolean {
  if (baseName(abs) !== "nhiscan" || baseName(parent) !== "node_modules") return false;
  try {
    return (JSON.parse(readFileSync(joinPath(abs, "package.json"), "utf8")) as { name?: unknown }).name === "nhiscan";
  } catch {
    return false;
  }
}

async function* walk(options: FsSourceOptions, signal?: AbortSignal): AsyncGenerator<SourceEvent> {
  const rootStat = await stat(options.target).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${options.target}: cannot scan (${error.code === "ENOENT" ? "no such file or folder" : error.code})`, {
      hint: "Check the path.",
    });
  });
  const relOf = (abs: string) => toRelative(options.displayRoot, abs);
  const file = (absPath: string, path: string): SourceEvent => ({ type: "file", absPath, path, maxFileSize: options.maxFileSize });
  if (!rootStat.isDirectory()) {
    yield file(options.target, relOf(options.target) === "." ? baseName(options.target) : relOf(options.target));
    return;
  }
  // Tracked files are the repository's content: `.gitignore` (a `*` and `git add -f`) cannot hide them.
  const tracked = await trackedFiles(options.target);
  const keep = (why: IgnoredBy | undefined, rel: string, isDir: boolean) =>
    why === undefined || (why === ".gitignore" && (isDir ? tracked?.dirs : tracked?.files)?.has(rel) === true);
  const ignored = (abs: string, why: IgnoredBy | undefined, isDir: boolean): SourceEvent => ({
    type: "skip",
    path: `${relOf(abs)}${isDir ? "/" : ""}`,
    reason: "ignored",
    detail: why === ".gitignore" && tracked !== undefined ? "matched by .gitignore, not tracked" : `matched by ${why ?? "exclude"}`,
  });
  const rootRules = new IgnoreRules(options.exclude).enter(options.target, ".", [], [".git/info/exclude"]);
  // Depth-first with an explicit stack: deep trees cannot overflow the call stack.
  // `ignoredBy`: a folder `.gitignore` matches, entered only for the tracked files below it.
  const stack: { abs: string; rel: string; rules: IgnoreRules; ignoredBy?: IgnoredBy }[] = [{ abs: options.target, rel: ".", rules: rootRules }];
  while (stack.length > 0 && signal?.aborted !== true) {
    const parent = stack.pop();
    if (parent === undefined) break;
    let dirents: Dirent[];
    try {
      // Synchronous on purpose: one folder at a time through the async thread pool is ~5x slower,
      // and detection runs on worker threads meanwhile.
      dirents = readdirSync(parent.abs, { withFileTypes: true });
    } catch (error) {
      yield { type: "skip", path: relOf(parent.abs), reason: "unreadable", detail: (error as NodeJS.ErrnoException).code ?? "error" };
      continue;
    }
    const names = dirents.map((d) => d.name).filter((name) => options.repositoryIgnores !== false || name !== ".nhiscanignore");
    const dir = { ...parent, rules: parent.rules.enter(parent.abs, parent.rel, names) };
    const subdirs: { abs: string; rel: string; ignoredBy?: IgnoredBy }[] = [];
    for (const dirent of dirents) {
      const name = dirent.name;
      const rel = joinPosix(dir.rel, name);
      const abs = joinPath(dir.abs, name);
      const isDir = dirent.isDirectory();
      if (isDir && name === ".git") continue;
      // Below a folder .gitignore matches, everything is ignored by it unless something stronger applies.
      const own = dir.rules.ignoredBy(rel, isDir);
      const why = own === undefined || own === ".gitignore" ? (parent.ignoredBy ?? own) : own;
      if (!keep(why, rel, isDir)) {
        yield ignored(abs, why, isDir);
      } else if (isDir && isInstalledNhiscan(abs, dir.abs)) {
        yield { type: "skip", path: relOf(abs), reason: "nhiscan-package", detail: "nhiscan's own rule examples, not credentials" };
      } else if (isDir) {
        subdirs.push({ abs, rel, ...(why === undefined ? {} : { ignoredBy: why }) });
      } else if (dirent.isFile()) {
        yield file(abs, relOf(abs));
      } else if (dirent.isSymbolicLink()) {
        yield { type: "skip", path: relOf(abs), reason: "symlink" };
      } else {
        yield { type: "skip", path: relOf(abs), reason: "not-regular-file" };
      }
    }
    subdirs.sort((a, b) => (a.rel < b.rel ? 1 : -1));
    for (const sub of subdirs) stack.push({ ...sub, rules: dir.rules });
  }
}
