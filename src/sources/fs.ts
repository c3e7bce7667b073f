import { opendir, stat } from "node:fs/promises";
import type { Source, SourceEvent } from "../model/fragment.js";
import { InputError } from "../model/errors.js";
import { baseName, joinPath, joinPosix, toRelative } from "../util/path.js";
import { IgnoreRules } from "./ignore-rules.js";

/** Options of a working-tree source. */
export interface FsSourceOptions {
  /** File or folder to scan. */
  readonly target: string;
  /** Paths in events are relative to this folder. */
  readonly displayRoot: string;
  /** Globs (relative to the target) never to scan. */
  readonly exclude: readonly string[];
  readonly maxFileSize: number;
}

/**
 * A working tree: walks folders (honouring ignore files, not following symlinks) and yields
 * the files to read; the scan stage reads them where detection runs.
 */
export function fsSource(options: FsSourceOptions): Source {
  return { id: options.target, events: (signal) => walk(options, signal) };
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
  const rootRules = new IgnoreRules(options.exclude).enter(options.target, ".", [".git/info/exclude"]);
  // Depth-first with an explicit stack: deep trees cannot overflow the call stack.
  const stack: { abs: string; rel: string; rules: IgnoreRules }[] = [{ abs: options.target, rel: ".", rules: rootRules }];
  while (stack.length > 0 && signal?.aborted !== true) {
    const dir = stack.pop();
    if (dir === undefined) break;
    let handle;
    try {
      handle = await opendir(dir.abs);
    } catch (error) {
      yield { type: "skip", path: relOf(dir.abs), reason: "unreadable", detail: (error as NodeJS.ErrnoException).code ?? "error" };
      continue;
    }
    const subdirs: { abs: string; rel: string }[] = [];
    for await (const dirent of handle) {
      const name = dirent.name;
      const rel = joinPosix(dir.rel, name);
      const abs = joinPath(dir.abs, name);
      if (dirent.isDirectory()) {
        if (name === ".git" || dir.rules.ignores(rel, true)) continue;
        subdirs.push({ abs, rel });
      } else if (dir.rules.ignores(rel, false)) {
        continue;
      } else if (dirent.isFile()) {
        yield file(abs, relOf(abs));
      } else if (dirent.isSymbolicLink()) {
        yield { type: "skip", path: relOf(abs), reason: "symlink" };
      } else {
        yield { type: "skip", path: relOf(abs), reason: "not-regular-file" };
      }
    }
    subdirs.sort((a, b) => (a.rel < b.rel ? 1 : -1));
    for (const sub of subdirs) stack.push({ ...sub, rules: dir.rules.enter(sub.abs, sub.rel) });
  }
}
