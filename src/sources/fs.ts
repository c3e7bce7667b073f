import { opendir, stat } from "node:fs/promises";
import pLimit from "p-limit";
import type { Source, SourceEvent } from "../model/fragment.js";
import { InputError } from "../model/errors.js";
import { baseName, joinPath, joinPosix, toRelative } from "../util/path.js";
import { IgnoreRules } from "./ignore-rules.js";
import { readFileEvent } from "./read-file.js";

/** Options of a working-tree source. */
export interface FsSourceOptions {
  /** File or folder to scan. */
  readonly target: string;
  /** Paths in events are relative to this folder. */
  readonly displayRoot: string;
  /** Globs (relative to the target) never to scan. */
  readonly exclude: readonly string[];
  readonly maxFileSize: number;
  /** Parallel file reads. */
  readonly concurrency?: number;
}

const BATCH = 64;

/** A working tree: walks folders (honouring ignore files, not following symlinks) and reads files. */
export function fsSource(options: FsSourceOptions): Source {
  return { id: options.target, events: (signal) => walkAndRead(options, signal) };
}

async function* walkAndRead(options: FsSourceOptions, signal?: AbortSignal): AsyncGenerator<SourceEvent> {
  const limit = pLimit(options.concurrency ?? 16);
  let batch: Promise<SourceEvent>[] = [];
  for await (const entry of walk(options)) {
    if (signal?.aborted) return;
    if (entry.type === "skip") {
      yield entry;
      continue;
    }
    const { abs, rel } = entry;
    batch.push(limit(() => readFileEvent(abs, rel, options.maxFileSize)));
    if (batch.length >= BATCH) {
      yield* await Promise.all(batch);
      batch = [];
    }
  }
  yield* await Promise.all(batch);
}

type WalkEntry = { readonly type: "file"; readonly abs: string; readonly rel: string } | Extract<SourceEvent, { type: "skip" }>;

async function* walk(options: FsSourceOptions): AsyncGenerator<WalkEntry> {
  const rootStat = await stat(options.target).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${options.target}: cannot scan (${error.code === "ENOENT" ? "no such file or folder" : error.code})`, {
      hint: "Check the path.",
    });
  });
  const relOf = (abs: string) => toRelative(options.displayRoot, abs);
  if (!rootStat.isDirectory()) {
    yield { type: "file", abs: options.target, rel: relOf(options.target) === "." ? baseName(options.target) : relOf(options.target) };
    return;
  }
  const rootRules = new IgnoreRules(options.exclude).enter(options.target, ".", [".git/info/exclude"]);
  // Depth-first with an explicit stack: deep trees cannot overflow the call stack.
  const stack: { abs: string; rel: string; rules: IgnoreRules }[] = [{ abs: options.target, rel: ".", rules: rootRules }];
  while (stack.length > 0) {
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
        yield { type: "file", abs, rel: relOf(abs) };
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
