import { Worker } from "node:worker_threads";
import { describe, expect, test } from "vitest";
import { loadVectorscan, vectorscanAddonFile, type VectorscanAddon } from "../../src/detectors/vectorscan-addon.js";

// The addon is optional: built at install where Vectorscan's headers exist. CI installs them and
// sets NHISCAN_REQUIRE_VECTORSCAN=1, so that a broken build fails there instead of skipping.
const load = loadVectorscan();
const required = process.env["NHISCAN_REQUIRE_VECTORSCAN"] === "1";
const title = load.addon !== undefined ? "vectorscan addon" : `vectorscan addon (skipped: ${load.reason})`;

test.runIf(required)("the addon is built where CI requires it", () => {
  expect(load.addon?.version ?? load.reason).toMatch(/^\d+\.\d+/);
});

/** (id, from, to) triples as tuples, for readable expectations. */
function triples(matches: Uint32Array): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let i = 0; i + 2 < matches.length; i += 3) out.push([matches[i] ?? -1, matches[i + 1] ?? -1, matches[i + 2] ?? -1]);
  return out;
}

function ends(matches: Uint32Array, id: number): number[] {
  return triples(matches)
    .filter(([i]) => i === id)
    .map(([, , to]) => to);
}

describe.skipIf(load.addon === undefined)(title, () => {
  const vs = load.addon as VectorscanAddon;
  const F = vs.flags;
  const patterns = ["ghp_", "token[ \\t]*=[ \\t]*[a-z0-9]{6}", "(?<=key=)[a-z]{4}", "\\x{e9}t\\x{e9}", "a\\x80b"];
  const flags = [F.CASELESS | F.SOM_LEFTMOST, 0, F.PREFILTER, 0, 0];
  const db = vs.compile(patterns, flags, [10, 11, 12, 13, 14]);

  test("reports literals caselessly with their start, and every pattern's match ends", () => {
    const matches = vs.scan(db, Buffer.from("x GHP_ ghp_ token = abc123\nkey=abcd", "latin1"), false);
    expect(triples(matches).filter(([id]) => id === 10)).toEqual([
      [10, 2, 6],
      [10, 7, 11],
    ]);
    expect(ends(matches, 11)).toEqual([26]);
    expect(ends(matches, 12)).toContain(35);
  });

  test("a prefilter pattern reports a superset, for the JS regex to verify", () => {
    // The lookbehind is dropped: `key` is not needed before the four letters.
    expect(ends(vs.scan(db, "nokey abcd", false), 12).length).toBeGreaterThan(0);
  });

  test("a pattern Vectorscan cannot compile names its index", () => {
    expect(() => vs.compile(["ok", "a(b"], [0, 0], [1, 2])).toThrow(expect.objectContaining({ index: 1, message: expect.stringContaining("pattern 1") }));
    expect(() => vs.compile(["(?<=a)b"], [0], [1])).toThrow(/pattern 0/);
  });

  test("strings scan one byte per UTF-16 code unit, so offsets are string offsets", () => {
    // é is Latin-1 (itself); Š and the emoji's two surrogates become the wide byte.
    const text = "été aŠb 😀 ghp_";
    const matches = vs.scan(db, text, false);
    expect(ends(matches, 13)).toEqual([3]);
    expect(ends(matches, 14)).toEqual([7]);
    expect(triples(matches).filter(([id]) => id === 10)).toEqual([[10, text.indexOf("ghp_"), text.length]]);
    expect(vs.wideByte).toBe(0x80);
  });

  test("per line, a pattern reports only its first match end on each line", () => {
    const text = "ghp_ ghp_ ghp_\nGHP_\n\nghp_ghp_";
    expect(ends(vs.scan(db, text, false), 10)).toEqual([4, 9, 14, 19, 25, 29]);
    expect(ends(vs.scan(db, text, true), 10)).toEqual([4, 19, 25]);
  });

  test("an empty input has no matches", () => {
    expect(vs.scan(db, "", false)).toEqual(new Uint32Array(0));
    expect(vs.scan(db, new Uint8Array(0), true)).toEqual(new Uint32Array(0));
  });

  test("a serialized database loads back and scans the same", () => {
    const bytes = vs.serialize(db);
    expect(vs.info(bytes)).toMatch(new RegExp(`^Version: ${vs.version.replace(/\./g, "\\.")} .*Mode: BLOCK`));
    const text = "ghp_ token=zzz999 key=wxyz été";
    expect(vs.scan(vs.deserialize(bytes), text, false)).toEqual(vs.scan(db, text, false));
    expect(vs.size(db)).toBeGreaterThan(0);
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
    const scan = vs.scan as unknown as (...args: unknown[]) => unknown;
    expect(() => scan({}, "text", false)).toThrow(/expected a database/);
    expect(() => scan(db, 42, false)).toThrow(/string or a Uint8Array/);
    expect(() => vs.compile([], [], [])).toThrow(/non-empty/);
  });

  test("worker threads scan with their own copy and scratch, alongside the main thread", async () => {
    const bytes = vs.serialize(db);
    const text = "ghp_ token = abc123 été\n".repeat(2000);
    const expected = Array.from(vs.scan(db, text, false));
    const source = `
      const { parentPort, workerData } = require("node:worker_threads");
      const vs = require(workerData.file);
      const db = vs.deserialize(workerData.bytes);
      parentPort.postMessage(Array.from(vs.scan(db, workerData.text, false)));`;
    const run = () =>
      new Promise<number[]>((resolve, reject) => {
        const worker = new Worker(source, { eval: true, workerData: { file: vectorscanAddonFile(), bytes, text } });
        worker.once("message", (m: number[]) => void worker.terminate().then(() => resolve(m)));
        worker.once("error", reject);
      });
    const running = [run(), run()];
    for (let i = 0; i < 20; i++) expect(Array.from(vs.scan(db, text, false))).toEqual(expected);
    for (const result of await Promise.all(running)) expect(result).toEqual(expected);
  });
});

function flip(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0xff;
  return copy;
}
