import { describe, expect, test } from "vitest";
import { parseBatchOutput } from "../../src/sources/git-cat-file.js";
import { splitRecords } from "../../src/sources/git-exec.js";
import { parseRawLog } from "../../src/sources/git-log-raw.js";

const A = "a".repeat(40);
const B = "b".repeat(40);
const Z = "0".repeat(40);

async function* chunked(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("cat-file --batch output", () => {
  const big = Buffer.alloc(70_000, "x");
  const stream = Buffer.concat([
    Buffer.from(`${A} blob 5\nhello\n`),
    Buffer.from(`${B} missing\n`),
    Buffer.from(`${Z} blob 0\n\n`),
    Buffer.from(`${A} blob ${big.length}\n`),
    big,
    Buffer.from("\n"),
    Buffer.from(`${B} blob 3\n\n\n\n`),
  ]);

  test.each([1, 2, 7, 41, 64 * 1024, stream.length])("parses objects across chunk boundaries (chunks of %i bytes)", async (size) => {
    const objects = await collect(parseBatchOutput(chunked(stream, size)));
    expect(objects.map((o) => [o.oid.slice(0, 1), o.type, o.content.length])).toEqual([
      ["a", "blob", 5],
      ["b", "missing", 0],
      ["0", "blob", 0],
      ["a", "blob", big.length],
      ["b", "blob", 3],
    ]);
    expect(objects[0]?.content.toString()).toBe("hello");
    expect(objects[3]?.content.equals(big)).toBe(true);
    expect(objects[4]?.content.toString()).toBe("\n\n\n");
  });
});

describe("log --raw -z output", () => {
  const header = (sha: string, parents: string, author: string) =>
    `\u0001${sha}\u001f${parents}\u001f${author}\u001f${author}@x\u001f2024-01-01T00:00:00+00:00`;
  const stream = [
    header(B, `${A} ${Z}`, "merger"),
    "",
    `::100644 100644 100644 ${A} ${Z} ${B} MM`,
    "evil.txt",
    `${header(A, "", "root")}`,
    `\n:000000 100644 ${Z} ${A} A`,
    "dir/new file.txt",
    `:100644 000000 ${B} ${Z} D`,
    "gone.txt",
    `:000000 160000 ${Z} ${B} A`,
    "vendor/sub",
    "",
  ].join("\u0000");

  test.each([1, 3, 50, stream.length])("parses commits, combined merge entries and root entries (chunks of %i)", async (size) => {
    const commits = await collect(parseRawLog(splitRecords(chunked(Buffer.from(stream), size), 0)));
    expect(commits.map((c) => [c.author, c.parents.length, c.entries.length])).toEqual([
      ["merger", 2, 1],
      ["root", 0, 3],
    ]);
    expect(commits[0]?.entries[0]).toEqual({ path: "evil.txt", parentBlobs: [A, Z], blob: B, isBlob: true });
    expect(commits[1]?.entries.map((e) => [e.path, e.blob.slice(0, 1), e.isBlob])).toEqual([
      ["dir/new file.txt", "a", true],
      ["gone.txt", "0", false],
      ["vendor/sub", "b", false],
    ]);
  });
});
