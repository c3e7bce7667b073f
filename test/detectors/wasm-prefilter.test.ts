import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, test, vi } from "vitest";
import { buildAutomaton } from "../../src/engine/aho-corasick.js";
import { createDetectContext, DETECTORS } from "../../src/detectors/index.js";
import { buildPrefilter, prefilterEngine } from "../../src/detectors/keyword-prefilter.js";
import { buildWasmFinder } from "../../src/detectors/wasm-prefilter.js";
import { loadBuiltinRules } from "../../src/rules/load.js";

const automatonFinds = (keywords: string[], text: string) => [...buildAutomaton(keywords).find(text)].sort((a, b) => a - b);

/** The wasm answer, or the automaton's where the finder hands the text back (a character above U+00FF). */
const finders = new Map<string, ReturnType<typeof buildWasmFinder>>();
function wasmFinds(keywords: string[], text: string): number[] {
  const key = keywords.join("\0");
  if (!finders.has(key)) finders.set(key, buildWasmFinder(keywords));
  const finder = finders.get(key) ?? null;
  if (finder === null) throw new Error("the WebAssembly prefilter did not load: run npm run build");
  return finder.find(text) ?? automatonFinds(keywords, text);
}

const keyword = fc.stringMatching(/^[a-z0-9_.:/~@${}-]{2,10}$/);
// Characters that could fool a byte-wise search: Latin-1 (one byte, >= 0x80), and wider ones whose
// low byte is an ASCII letter or digit (U+0161 has low byte 0x61 "a", U+212A Kelvin has 0x2A).
const tricky = fc.constantFrom("é", "ÿ", "\u0161", "\u212a", "\u017f", "\u0130", "€", "😀", "\0", "\n", "\t", " ");

/** Text built from keyword pieces in random case, random ASCII and tricky characters. */
function denseText(keywords: string[]) {
  const piece = fc.oneof(
    fc.constantFrom(...keywords),
    fc.constantFrom(...keywords).map((k) => k.slice(0, Math.max(1, k.length - 1))),
    fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-:/.~ "), maxLength: 20 }),
    tricky,
  );
  return fc.tuple(fc.array(piece, { maxLength: 80 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 64 })).map(([pieces, upper]) =>
    pieces
      .join("")
      .split("")
      .map((c, i) => (upper[i % upper.length] === true ? c.toUpperCase() : c))
      .join(""),
  );
}

describe("WebAssembly keyword finder", () => {
  test.each([
    [["api"], "\u0161pi", []],
    [["api"], "\u0161api", ["api"]],
    [["key"], "K\u212aey KEY", ["key"]],
    [["sk"], "x".repeat(300) + "SK", ["sk"]],
    [["token"], "tökén t0ken", []],
    [["ghp_"], "é".repeat(15) + "GHP_", ["ghp_"]],
    [["pass", "pwd"], "", []],
  ])("%j in %j", (keywords, text, expected) => {
    expect(wasmFinds(keywords, text).map((i) => keywords[i])).toEqual(expected);
  });

  test("agrees with the automaton on keyword-dense, mixed-case, non-ASCII texts", () => {
    const input = fc.uniqueArray(keyword, { minLength: 1, maxLength: 40 }).chain((keywords) => fc.tuple(fc.constant(keywords), denseText(keywords)));
    fc.assert(
      fc.property(input, ([keywords, text]) => {
        expect(wasmFinds(keywords, text)).toEqual(automatonFinds(keywords, text));
      }),
      { numRuns: 1500 },
    );
  });

  test("finds a keyword at every offset around 16-byte blocks and at the very end", () => {
    const keywords = ["password", "sk", "aws", "xoxb-", "-----begin"];
    for (const word of keywords) {
      for (let at = 0; at < 50; at++) {
        for (const tail of [0, 1, 15, 16, 17]) {
          const text = `${"q".repeat(at)}${word.toUpperCase()}${"q".repeat(tail)}`;
          expect(wasmFinds(keywords, text), JSON.stringify(text)).toEqual(automatonFinds(keywords, text));
          // One byte short of the keyword never matches it.
          const cut = text.slice(0, at + word.length - 1);
          expect(wasmFinds(keywords, cut)).toEqual(automatonFinds(keywords, cut));
        }
      }
    }
  });

  test("the same module serves many texts: no hit leaks from one text into the next", () => {
    const keywords = ["secret", "token"];
    const finder = buildWasmFinder(keywords);
    expect(finder?.find("a secret token")).toEqual([0, 1]);
    expect(finder?.find("nothing here")).toEqual([]);
    expect(finder?.find("x".repeat(3_000_000) + "Token")).toEqual([1]);
    expect(finder?.find("secre")).toEqual([]);
  });

  test("keywords it cannot serve exactly leave the automaton in charge", () => {
    expect(buildWasmFinder(["a"])).toBeNull();
    expect(buildWasmFinder(["tökén"])).toBeNull();
    expect(buildWasmFinder([])).toBeNull();
    // More two-byte keywords than the pair table holds.
    const pairs = [..."abc"].flatMap((a) => [..."abcdefghijklmnopqrstuvwxyz"].map((b) => a + b));
    expect(buildWasmFinder(pairs)).toBeNull();
    expect(buildWasmFinder(pairs.slice(0, 40))?.find(`${"x".repeat(40)}AZ bq`)).toEqual([25]);
  });
});

describe("prefilter engines", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  test("NHISCAN_PREFILTER=wasm opts in; the automaton is the default", () => {
    vi.stubEnv("NHISCAN_PREFILTER", "wasm");
    expect(prefilterEngine()).toBe("wasm");
    vi.stubEnv("NHISCAN_PREFILTER", "js");
    expect(prefilterEngine()).toBe("js");
    vi.stubEnv("NHISCAN_PREFILTER", "");
    expect(prefilterEngine()).toBe("js");
  });

  test("without WebAssembly the finder is absent and the prefilter still answers", async () => {
    vi.stubGlobal("WebAssembly", undefined);
    vi.resetModules();
    const fresh = await import("../../src/detectors/wasm-prefilter.js");
    expect(fresh.buildWasmFinder(["token"])).toBeNull();
  });

  test("the builtin rules and detector triggers: same rules, triggers and candidates from both engines", async () => {
    const rules = await loadBuiltinRules();
    const triggers = Object.values(DETECTORS).flatMap((detector) => detector.triggers ?? []);
    const js = buildPrefilter(rules, triggers, "js");
    const wasm = buildPrefilter(rules, triggers, "wasm");
    const words = [...new Set([...rules.flatMap((rule) => rule.keywords), ...triggers.map((t) => t.toLowerCase())])];
    expect(buildWasmFinder(words)).not.toBeNull();
    const ids = (list: readonly { spec: { id: string } }[]) => list.map((rule) => rule.spec.id);
    fc.assert(
      fc.property(fc.shuffledSubarray(words, { maxLength: 12 }), denseText(words.slice(0, 60)), fc.nat({ max: 3000 }), (planted, noise, pad) => {
        // Mostly past the length where the prefilter hands texts to WebAssembly.
        const text = `${"=".repeat(pad)}${noise}${planted.map((w, i) => (i % 2 === 0 ? w.toUpperCase() : w)).join(" x")}`;
        const a = js.scan(text);
        const b = wasm.scan(text);
        expect(ids(b.rules)).toEqual(ids(a.rules));
        expect([...b.triggers].sort()).toEqual([...a.triggers].sort());
        expect(ids(wasm.candidates(text))).toEqual(ids(js.candidates(text)));
      }),
      { numRuns: 400 },
    );
    expect(createDetectContext(rules).prefilter.scan("token").triggers.has("token")).toBe(true);
  });
});

describe("the built module", () => {
  test("is reproducible: rebuilding wasm/prefilter.ts gives the same bytes", async () => {
    // @ts-expect-error: a plain JS build script without types
    const { buildWasm } = (await import("../../scripts/build-wasm.js")) as { buildWasm: (out: string) => Promise<boolean> };
    const dir = await mkdtemp(join(tmpdir(), "nhiscan-wasm-"));
    try {
      expect(await buildWasm(join(dir, "prefilter.wasm"))).toBe(true);
      const built = readFileSync(new URL("../../wasm/prefilter.wasm", import.meta.url));
      expect(readFileSync(join(dir, "prefilter.wasm")).equals(built)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
