import { Worker } from "node:worker_threads";
import { beforeAll, describe, expect, test } from "vitest";
import { loadVectorscan, vectorscanAddonFile, type VectorscanAddon, type VectorscanDatabase } from "../../src/engine/vectorscan-addon.js";

// The addon is optional: built at install where Vectorscan's headers exist. CI installs them and
// sets NHISCAN_REQUIRE_VECTORSCAN=1, so that a broken build fails there instead of skipping.
const load = loadVectorscan();
const required = process.env["NHISCAN_REQUIRE_VECTORSCAN"] === "1";
const title = load.addon !== undefined ? "vectorscan addon" : `vectorscan addon (skipped: ${load.reason})`;

test.runIf(required)("the addon is built where CI requires it", () => {
  expect(load.addon?.version ?? load.reason).toMatch(/^\d+\.\d+/);
});

describe.skipIf(load.addon === undefined)(title, () => {
  // Built before the tests, not while collecting them: a suite skipped for want of the addon never runs this.
  let vs: VectorscanAddon;
  let db: VectorscanDatabase;
  beforeAll(() => {
    vs = load.addon as VectorscanAddon;
    const patterns = ["ghp_", "\\x{e9}t\\x{e9}", "a\\x80b", "token[ \\t]*=[ \\t]*[a-z0-9]{6}", "(?<=key=)[a-z]{4}"];
    db = vs.compile(patterns, [vs.flags.CASELESS, 0, 0, 0, vs.flags.PREFILTER], [0, 1, 2, 3, 4]);
  });
  /** (id, end) pairs of a scan. */
  const scan = (input: string | Uint8Array, oneByte = false): [number, number][] => {
    const [ids, ends] = vs.scan(db, input, oneByte);
    return Array.from(ids, (id, i) => [id, ends[i] ?? -1]);
  };
  const endsOf = (pairs: [number, number][], id: number) => pairs.filter(([i]) => i === id).map(([, end]) => end);

  test("reports every match end, literals caselessly, sorted by end then id", () => {
    const pairs = scan(Buffer.from("x GHP_ ghp_ token = abc123\nkey=abcd", "latin1"));
    expect(endsOf(pairs, 0)).toEqual([6, 11]);
    expect(endsOf(pairs, 3)).toEqual([26]);
    expect(endsOf(pairs, 4)).toContain(35);
    expect(pairs).toEqual([...pairs].sort((a, b) => a[1] - b[1] || a[0] - b[0]));
  });

  test("a prefilter pattern reports a superset", () => {
    // The lookbehind is dropped: `key=` is not needed before the four letters.
    expect(endsOf(scan("nokey abcd"), 4).length).toBeGreaterThan(0);
  });

  test("a pattern Vectorscan cannot compile names its index", () => {
    expect(() => vs.compile(["ok", "a(b"], [0, 0], [1, 2])).toThrow(expect.objectContaining({ index: 1, message: expect.stringContaining("pattern 1") }));
    expect(() => vs.compile(["(?<=a)b"], [0], [1])).toThrow(/pattern 0/);
  });

  test("strings scan one byte per UTF-16 code unit, so offsets are string offsets", () => {
    // é is Latin-1 (itself); Š and the emoji's two surrogates become the wide byte.
    const text = "été aŠb 😀 ghp_";
    expect(scan(text)).toEqual([
      [1, 3],
      [2, 7],
      [0, text.length],
    ]);
    expect(vs.wideByte).toBe(0x80);
    // A string promised one-byte goes over as a plain Latin-1 copy, with the same result.
    expect(scan("été ghp_", true)).toEqual(scan("été ghp_"));
  });

  test("an empty input has no matches", () => {
    expect(scan("")).toEqual([]);
    expect(scan(new Uint8Array(0))).toEqual([]);
  });

  test("a serialized database loads back and scans the same", () => {
    const bytes = vs.serialize(db);
    expect(vs.info(bytes)).toMatch(new RegExp(`^Version: ${vs.version.replace(/\./g, "\\.")} .*Mode: BLOCK`));
    const text = "ghp_ token=zzz999 key=wxyz été";
    expect(vs.scan(vs.deserialize(bytes), text)).toEqual(vs.scan(db, text));
  });

  test.each([
    ["garbage", () => Buffer.from("not a database")],
    ["truncated", (b: Buffer) => b.subarray(0, b.length >> 1)],
    ["a flipped header byte", (b: Buffer) => flip(b, 20)],
  ])("%s bytes are rejected with a clear error, not a crash", (_, corrupt) => {
    // Vectorscan checks its header, not every bytecode byte: the engine's file adds a checksum.
    const bytes = corrupt(vs.serialize(db));
    expect(() => vs.deserialize(bytes)).toThrow(expect.objectContaining({ code: "ERR_VECTORSCAN_DATABASE" }));
  });

  test("bad arguments throw instead of crashing", () => {
    const call = vs.scan as unknown as (...args: unknown[]) => unknown;
    expect(() => call({}, "text")).toThrow(/expected a database/);
    expect(() => call(db, 42)).toThrow(/string or a Uint8Array/);
    expect(() => call(db)).toThrow(/scan\(database, input, oneByte\)/);
    expect(() => vs.compile([], [], [])).toThrow(/non-empty/);
  });

  test("worker threads scan with their own copy and scratch, alongside the main thread", async () => {
    const bytes = vs.serialize(db);
    const text = "ghp_ token = abc123 été\n".repeat(2000);
    const flat = (result: Int32Array[]) => result.map((a) => Array.from(a));
    const expected = flat(vs.scan(db, text));
    const source = `
      const { parentPort, workerData } = require("node:worker_threads");
      const vs = require(workerData.file);
      const db = vs.deserialize(workerData.bytes);
      parentPort.postMessage(vs.scan(db, workerData.text).map((a) => Array.from(a)));`;
    const run = () =>
      new Promise<number[][]>((resolve, reject) => {
        const worker = new Worker(source, { eval: true, workerData: { file: vectorscanAddonFile(), bytes, text } });
        worker.once("message", (m: number[][]) => void worker.terminate().then(() => resolve(m)));
        worker.once("error", reject);
      });
    const running = [run(), run()];
    for (let i = 0; i < 20; i++) expect(flat(vs.scan(db, text))).toEqual(expected);
    for (const result of await Promise.all(running)) expect(result).toEqual(expected);
  });
});

function flip(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0xff;
  return copy;
}
