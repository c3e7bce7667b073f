import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { SourceEvent } from "../../src/model/fragment.js";
import { fsSource } from "../../src/sources/fs.js";
import { readFileEvent } from "../../src/sources/read-file.js";
import { writeTree } from "../helpers/tree.js";

async function collect(target: string, options: { exclude?: string[]; maxFileSize?: number } = {}): Promise<SourceEvent[]> {
  const events: SourceEvent[] = [];
  const source = fsSource({ target, displayRoot: target, exclude: options.exclude ?? [], maxFileSize: options.maxFileSize ?? 1024 * 1024 });
  for await (const event of source.events()) events.push(read(event));
  return events;
}

/** The walk yields files to read; reading happens in the scan stage. */
function read(event: SourceEvent): SourceEvent {
  return event.type === "file" ? readFileEvent(event.absPath, event.path, event.maxFileSize) : event;
}

const scanned = (events: SourceEvent[]) => events.flatMap((e) => (e.type === "fragment" ? [e.fragment.path] : [])).sort();
const skipped = (events: SourceEvent[]) => events.flatMap((e) => (e.type === "skip" ? [`${e.path}:${e.reason}`] : [])).sort();

describe("working-tree source", () => {
  test("honours nested .gitignore and .nhiscanignore files, negations and config excludes", async () => {
    const dir = writeTree({
      ".gitignore": "node_modules/\n*.log\n!keep.log\n",
      ".nhiscanignore": "fixtures/\n",
      "sub/.gitignore": "local.txt\n",
      "node_modules/pkg/index.js": "x",
      "a.log": "x",
      "keep.log": "x",
      "fixtures/f.txt": "x",
      "sub/local.txt": "x",
      "sub/kept.txt": "x",
      "other/local.txt": "x",
      "vendor/v.js": "x",
      "src/main.ts": "x",
    });
    const events = await collect(dir, { exclude: ["vendor/**"] });
    expect(scanned(events)).toEqual([".gitignore", ".nhiscanignore", "keep.log", "other/local.txt", "src/main.ts", "sub/.gitignore", "sub/kept.txt"]);
  });

  test("skips .git, binaries, oversized files and symlinks, each with its reason", async () => {
    const dir = writeTree({
      ".git/config": "[core]",
      "bin.dat": Buffer.from([1, 2, 0, 3]),
      "big.txt": "y".repeat(2048),
      "ok.txt": "fine",
    });
    symlinkSync(path.join(dir, "ok.txt"), path.join(dir, "link.txt"));
    symlinkSync("/etc", path.join(dir, "outside"));
    const events = await collect(dir, { maxFileSize: 1024 });
    expect(scanned(events)).toEqual(["ok.txt"]);
    expect(skipped(events)).toEqual(["big.txt:too-large", "bin.dat:binary", "link.txt:symlink", "outside:symlink"]);
  });

  test("a FIFO in the tree is skipped without hanging", async () => {
    const dir = writeTree({ "a.txt": "x" });
    execFileSync("mkfifo", [path.join(dir, "pipe")]);
    const events = await collect(dir);
    expect(skipped(events)).toEqual(["pipe:not-regular-file"]);
  });

  test("decodes UTF-16 with a BOM and keeps CRLF line structure", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("key=value\r\nnext\r\n", "utf16le")]);
    const dir = writeTree({ "w.txt": utf16, "latin.txt": Buffer.from([0x61, 0xe9, 0x62]) });
    const events = await collect(dir);
    const texts = Object.fromEntries(events.flatMap((e) => (e.type === "fragment" ? [[e.fragment.path, e]] : [])));
    expect(texts["w.txt"]?.type === "fragment" && texts["w.txt"].fragment.text).toBe("key=value\r\nnext\r\n");
    expect(texts["latin.txt"]?.type === "fragment" && texts["latin.txt"].lossy).toBe(true);
  });

  test.skipIf(process.getuid?.() === 0)("an unreadable folder is skipped with its reason", async () => {
    const dir = writeTree({ "locked/a.txt": "x", "b.txt": "x" });
    chmodSync(path.join(dir, "locked"), 0o000);
    const events = await collect(dir);
    chmodSync(path.join(dir, "locked"), 0o755);
    expect(skipped(events)).toEqual(["locked:unreadable"]);
  });

  test("a single file target yields that file", async () => {
    const dir = writeTree({ "one.env": "A=1" });
    mkdirSync(path.join(dir, "empty"));
    writeFileSync(path.join(dir, "empty", ".keep"), "");
    const events: SourceEvent[] = [];
    for await (const e of fsSource({ target: path.join(dir, "one.env"), displayRoot: dir, exclude: [], maxFileSize: 100 }).events()) events.push(read(e));
    expect(scanned(events)).toEqual(["one.env"]);
  });
});
