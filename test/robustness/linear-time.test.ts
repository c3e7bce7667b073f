// No detector or repository pattern is worse than linear in its input: each adversarial input is
// measured at size n and 2n (CPU time, best of several runs, repeated until the smaller run is
// long enough to measure) and the time must not come near quadrupling. A linear cost doubles;
// the quadratic PEM lookup of before grew ~4x per doubling and ran past 300 s on 9 MB.
import { describe, expect, test } from "vitest";
import { resolveConfig } from "../../src/config/load.js";
import { parseGithubCodeowners } from "../../src/inventory/codeowners-github.js";
import { parseGitlabCodeowners } from "../../src/inventory/codeowners-gitlab.js";
import type { Provenance } from "../../src/model/fragment.js";
import { loadRules } from "../../src/rules/load.js";
import { createEventScanner } from "../../src/scan/event-scanner.js";
import type { EventScanner } from "../../src/scan/event-scanner.js";
import { emptyTally } from "../../src/scan/tally.js";
import { IgnoreRules } from "../../src/sources/ignore-rules.js";
import { globMatcher } from "../../src/util/linear-match.js";
import { tempDir } from "../helpers/cli.js";
import { writeTree } from "../helpers/tree.js";

const RATIO_BOUND = 2.8;
const MIN_MS = 15;
const RUNS = 3;
const ATTEMPTS = 3;

function cpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * The doubling ratio, measured up to ATTEMPTS times until one comes under the bound: a busy
 * machine can spoil one measurement, while a quadratic cost stays near 4 every time.
 */
function doublingRatio(work: (n: number) => void, n: number): { ratio: number; small: number; large: number } {
  let result = measureDoubling(work, n);
  for (let attempt = 1; attempt < ATTEMPTS && result.ratio >= RATIO_BOUND; attempt++) result = measureDoubling(work, n);
  return result;
}

/** Best-of-RUNS CPU time of `work(n)` and `work(2n)`, each repeated often enough to measure. */
function measureDoubling(work: (n: number) => void, n: number): { ratio: number; small: number; large: number } {
  // Warm up first (JIT, caches): a cold first run would set the repeat count too low.
  work(n);
  work(2 * n);
  let repeats = 1;
  while (
    cpuMs(() => {
      for (let i = 0; i < repeats; i++) work(n);
    }) < MIN_MS &&
    repeats < 1 << 12
  )
    repeats *= 2;
  const best = (size: number) => {
    let min = Infinity;
    for (let run = 0; run < RUNS; run++)
      min = Math.min(
        min,
        cpuMs(() => {
          for (let i = 0; i < repeats; i++) work(size);
        }),
      );
    return min;
  };
  const small = best(n);
  const large = best(2 * n);
  return { ratio: large / Math.max(small, 0.001), small, large };
}

const dir = tempDir();
const rules = loadRules();
const newScanner = (): EventScanner => createEventScanner({ rules, config: resolveConfig(dir, {}, dir), showSecrets: false, fingerprintKey: undefined });
const fileScanner = newScanner();
const git = (i: number): Provenance => ({ kind: "git", blob: i.toString(16).padStart(40, "0") });

// Markers built at run time: the repository holds no PEM armour.
const BEGIN_KEY = `-----BEGIN ${"RSA PRIVATE"} KEY-----`;
const BEGIN_CERT = `-----BEGIN ${"CERTIFICATE"}-----`;
const repeatTo = (unit: string, n: number) => unit.repeat(Math.max(1, Math.floor(n / unit.length)));

/** Adversarial texts by size, with the path that routes them to the detectors they target. */
const INPUTS: readonly (readonly [string, string, (n: number) => string, number])[] = [
  ["PEM key headers, one per line", "keys.pem", (n) => repeatTo(`${BEGIN_KEY}\n`, n), 100_000],
  ["PEM key headers on one line", "keys.pem", (n) => repeatTo(BEGIN_KEY, n), 100_000],
  ["certificate headers", "bundle.crt", (n) => repeatTo(`${BEGIN_CERT}\n`, n), 100_000],
  ["PEM header with a long base64 body and no END", "key.pem", (n) => `${BEGIN_KEY}\n${repeatTo("QUJDREVGR0hJSktMTU5PUFFS\n", n)}`, 100_000],
  ["a base64 run", "blob.txt", (n) => "A".repeat(n), 200_000],
  ["base64 lines", "data.txt", (n) => repeatTo("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n", n), 100_000],
  ["a JWT-prefix run (eyJeyJ…)", "token.txt", (n) => repeatTo("eyJ", n), 50_000],
  ["a long line", "min.js", (n) => repeatTo("var a=1;", n), 100_000],
  ["many keywords", "settings.py", (n) => repeatTo("password = token secret api_key ", n), 100_000],
  ["many assignments", ".env", (n) => repeatTo("API_KEY=abcdef0123456789abcdef\n", n), 30_000],
  ["URI schemes", "urls.txt", (n) => repeatTo("postgres://a:b@", n), 50_000],
  ["deeply nested JSON", "config.json", (n) => `${repeatTo('{"api_key":', n / 2)}"x"${repeatTo("}", n / 22)}`, 100_000],
  ["deeply nested YAML", "config.yaml", (n) => deepYaml(n), 50_000],
];

function deepYaml(n: number): string {
  const lines: string[] = [];
  for (let i = 0, size = 0; size < n; i++) {
    const line = `${" ".repeat(i % 400)}secret_key${i}:`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join("\n");
}

describe("detection is linear in its input (doubling the input at most ~doubles the CPU time)", () => {
  test.each(INPUTS)("%s (working tree)", (_name, path, make, n) => {
    const texts = new Map([n, 2 * n].map((size) => [size, make(size)]));
    const result = doublingRatio((size) => {
      const text = texts.get(size) ?? "";
      fileScanner({ type: "fragment", fragment: { text, path, provenance: { kind: "file" } }, bytes: text.length }, emptyTally());
    }, n);
    expect(result.ratio, JSON.stringify(result)).toBeLessThan(RATIO_BOUND);
  });

  // History scans dedupe lines across blobs: each run gets its own scanner, so nothing is remembered.
  test.each(INPUTS.slice(0, 3))(
    "%s (--history blobs)",
    (_name, path, make, n) => {
      const size = 4 * n;
      const texts = [make(size), make(2 * size)];
      let best = { small: 0, large: Infinity };
      for (let attempt = 0; attempt < ATTEMPTS && best.large / Math.max(best.small, 0.001) >= RATIO_BOUND; attempt++) {
        const times = [0, 0, 0, 1, 1, 1].map((which, i) => {
          const text = texts[which] ?? "";
          const scanner = newScanner();
          const provenance = git(attempt * 6 + i);
          return cpuMs(() => scanner({ type: "fragment", fragment: { text, path, provenance }, bytes: text.length }, emptyTally()));
        });
        best = { small: Math.min(...times.slice(0, 3)), large: Math.min(...times.slice(3)) };
      }
      expect(best.large / Math.max(best.small, 0.001), JSON.stringify(best)).toBeLessThan(RATIO_BOUND);
    },
    30_000,
  );
});

describe("repository patterns are matched in linear time", () => {
  const longName = (n: number) => `${"a".repeat(n)}.txt`;
  test("GitHub CODEOWNERS `*a*a*a*a*a*a*b` against long names", () => {
    const rules = parseGithubCodeowners("*a*a*a*a*a*a*b @x\n**/a*a*a*a*a*a*a*c/ @y\n");
    const result = doublingRatio((n) => void rules.ownersOf(`dir/${longName(n)}`), 20_000);
    expect(result.ratio, JSON.stringify(result)).toBeLessThan(RATIO_BOUND);
  });

  test("GitLab CODEOWNERS with the same pattern, in a section and as an exclusion", () => {
    const rules = parseGitlabCodeowners("[Docs]\n*a*a*a*a*a*a*b @x\n!/**/*a*a*a*a*a*a*c\n");
    const result = doublingRatio((n) => void rules.ownersOf(`dir/${longName(n)}`), 10_000);
    expect(result.ratio, JSON.stringify(result)).toBeLessThan(RATIO_BOUND);
  });

  test("exclude globs and ignore files", () => {
    const exclude = globMatcher(["**/*a*a*a*a*a*a*b", "{a,b}*a*a*a*a*a*a*b/**"]);
    const ignoreDir = writeTree({
      ".gitignore": "*a*a*a*a*a*a*b\n!**/*a*a*a*a*a*a*c\na/**/a/**/a/**/a/**/b\n**/**/**/**/**/**/x\n",
      ".nhiscanignore": "a*a*a*a*a*a*a*/\n",
    });
    const rules = new IgnoreRules([]).enter(ignoreDir, ".", [".gitignore", ".nhiscanignore"]);
    const result = doublingRatio((n) => {
      exclude(`x/${longName(n)}`);
      rules.ignoredBy(longName(n), false);
      // A deep path: the `ignore` package's regexes for `a/**/a/**/…` never finished on 200 levels.
      rules.ignoredBy(`${"a/".repeat(n / 20)}y`, false);
    }, 10_000);
    expect(result.ratio, JSON.stringify(result)).toBeLessThan(RATIO_BOUND);
  });
});
