// The real-world corpus parts (fixtures/realworld: issue 12, frozen; fixtures/realworld-2: issue 18,
// written without reading the detectors) and their truth files agree: every file is labelled, every
// labelled line exists and holds text. Detection rates are not asserted here: `npm run
// bench:accuracy` reports them, part by part.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

const fixtures = path.resolve(import.meta.dirname, "..", "fixtures");
/** Each part, with its categories and its minimum size. */
const PARTS = [
  {
    name: "realworld",
    minFiles: 150,
    categories: ["credential-files", "password-hashes", "framework-secrets", "plain-passwords", "provider-tokens"],
  },
  { name: "realworld-2", minFiles: 100, categories: ["pasted-notes", "weak-passwords", "provider-keys", "command-lines", "structured"] },
] as const;
const NOT_CORPUS = new Set(["README.md", "truth.yaml"]);

interface Entry {
  category: string;
  about: string;
  credentials: Record<string, string>;
  neutral?: Record<string, string>;
}

function corpusFiles(root: string, rel = ""): string[] {
  return readdirSync(path.join(root, rel), { withFileTypes: true }).flatMap((d) => {
    const child = rel === "" ? d.name : `${rel}/${d.name}`;
    return d.isDirectory() ? corpusFiles(root, child) : [child];
  });
}

// Part 1 is frozen (issue 18): detectors were tuned on it, so it only stays a fixed yardstick if
// nobody edits it. Part 2 (fixtures/realworld-2, same truth.yaml) is scored on its own.
const FROZEN_SHA256 = "eb9bdec0704d8105988dc811f6b7934804e43ab5cbb69bf81fc2d8c74b12407c";

test("part 1 is frozen: its files and truth.yaml are byte-identical to the frozen set", () => {
  const dir = path.join(fixtures, "realworld");
  const hash = createHash("sha256");
  for (const file of corpusFiles(dir).sort())
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(dir, file)))
      .update("\0");
  expect(hash.digest("hex")).toBe(FROZEN_SHA256);
});

test("every fixtures/realworld* folder is a known part", () => {
  const found = readdirSync(fixtures).filter((name) => name.startsWith("realworld"));
  expect(found.sort()).toEqual(PARTS.map((p) => p.name).sort());
});

describe.each(PARTS)("real-world corpus $name: truth file", ({ name, minFiles, categories }) => {
  const dir = path.join(fixtures, name);
  const truth = parse(readFileSync(path.join(dir, "truth.yaml"), "utf8")) as { version: number; files: Record<string, Entry> };
  const files = corpusFiles(dir).filter((f) => !NOT_CORPUS.has(f));
  const entries = Object.entries(truth.files);
  const secretFree = entries.filter(([, e]) => Object.keys(e.credentials).length === 0);

  test("labels exactly the files in the corpus", () => {
    expect(Object.keys(truth.files).sort()).toEqual([...files].sort());
  });

  test(`has at least ${minFiles} files, a third of them secret-free, in every category`, () => {
    expect(files.length).toBeGreaterThanOrEqual(minFiles);
    expect(secretFree.length * 3).toBeGreaterThanOrEqual(files.length);
    for (const category of categories) {
      const inCategory = entries.filter(([, e]) => e.category === category);
      expect(
        inCategory.some(([, e]) => Object.keys(e.credentials).length > 0),
        `${category} has a credential file`,
      ).toBe(true);
      expect(
        inCategory.some(([, e]) => Object.keys(e.credentials).length === 0),
        `${category} has a look-alike`,
      ).toBe(true);
    }
  });

  test.each(entries)("%s: known category, labelled lines exist, hold text and have a reason", (file, entry) => {
    expect(categories as readonly string[]).toContain(entry.category);
    const lines = readFileSync(path.join(dir, file), "utf8").split("\n");
    const neutral = Object.keys(entry.neutral ?? {});
    for (const [label, reasons] of [
      ["credential", entry.credentials],
      ["neutral", entry.neutral ?? {}],
    ] as const) {
      for (const [n, reason] of Object.entries(reasons)) {
        const line = Number(n);
        expect(Number.isInteger(line) && line >= 1, `${file}: ${label} line ${n}`).toBe(true);
        expect(lines[line - 1]?.trim() ?? "", `${file}:${n} is empty or missing`).not.toBe("");
        expect(reason.trim(), `${file}:${n} has no reason`).not.toBe("");
      }
    }
    expect(
      Object.keys(entry.credentials).filter((n) => neutral.includes(n)),
      `${file}: a line is both credential and neutral`,
    ).toEqual([]);
  });
});
