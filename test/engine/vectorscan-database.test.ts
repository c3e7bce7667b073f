import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { loadVectorscan, type VectorscanAddon } from "../../src/engine/vectorscan-addon.js";
import { compileDatabase, DatabaseFileError, readDatabaseFile, writeDatabaseFile } from "../../src/engine/vectorscan-database.js";
import { tempDir } from "../helpers/cli.js";

const load = loadVectorscan();
const title = load.addon !== undefined ? "vectorscan database file" : `vectorscan database file (skipped: ${load.reason})`;

describe.skipIf(load.addon === undefined)(title, () => {
  const keywords = ["ghp_", "password", "xoxb-"];
  const file = path.join(tempDir(), "keywords.db");
  // Written before the tests, not while collecting them: a suite skipped for want of the addon never runs this.
  let vs: VectorscanAddon;
  let bytes: Buffer;
  let headerEnd: number;
  beforeAll(() => {
    vs = load.addon as VectorscanAddon;
    writeDatabaseFile(file, vs, compileDatabase(vs, keywords));
    bytes = readFileSync(file);
    headerEnd = bytes.indexOf(10, bytes.indexOf(10) + 1);
  });

  test("loads back with its keywords, and finds them", () => {
    const loaded = readDatabaseFile(file, vs);
    expect(loaded.keywords).toEqual(keywords);
    expect(Array.from(vs.scan(loaded.database, "PASSWORD=xoxb-1")[0])).toEqual([1, 2]);
  });

  /** Writes a damaged copy and returns what reading it throws. */
  function damaged(change: (copy: Buffer) => Buffer): unknown {
    const other = path.join(tempDir(), "damaged.db");
    writeFileSync(other, change(Buffer.from(bytes)));
    try {
      readDatabaseFile(other, vs);
      return undefined;
    } catch (error) {
      return error;
    }
  }

  test.each([
    ["a flipped bytecode byte", (b: Buffer) => flip(b, b.length - 64), /checksum mismatch/],
    ["a flipped byte in the keywords", (b: Buffer) => Buffer.from(b.toString("latin1").replace('"ghp_"', '"ghq_"'), "latin1"), /checksum mismatch/],
    [
      "another Vectorscan version",
      (b: Buffer) => Buffer.from(b.toString("latin1").replace(`"vectorscan":"${vs.version}"`, '"vectorscan":"0.0.1"'), "latin1"),
      /built by Vectorscan 0\.0\.1/,
    ],
    ["a truncated file", (b: Buffer) => b.subarray(0, headerEnd - 5), /corrupt header|not an nhiscan/],
    ["another file", () => Buffer.from("hello"), /not an nhiscan Vectorscan database/],
  ])("%s is rejected with a clear reason", (_, change, reason) => {
    const error = damaged(change);
    expect(error).toBeInstanceOf(DatabaseFileError);
    expect((error as Error).message).toMatch(reason);
  });

  test("a missing file names the build step", () => {
    expect(() => readDatabaseFile(path.join(tempDir(), "none.db"), vs)).toThrow(/run npm run build/);
  });
});

function flip(bytes: Buffer, at: number): Buffer {
  bytes[at] = (bytes[at] ?? 0) ^ 0xff;
  return bytes;
}
