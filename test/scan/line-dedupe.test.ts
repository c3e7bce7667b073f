import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createDetectContext, DETECTORS, runDetector } from "../../src/detectors/index.js";
import type { Candidate } from "../../src/model/finding.js";
import type { Fragment } from "../../src/model/fragment.js";
import { lazyDecodedEvent } from "../../src/sources/decode.js";
import { loadRules } from "../../src/rules/load.js";
import { createLineDedupe } from "../../src/scan/line-dedupe.js";
import { LineKeyTable } from "../../src/util/line-key-table.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";

const context = createDetectContext(loadRules());
const detectAll = (fragment: Fragment): Candidate[] => Object.values(DETECTORS).flatMap((d) => runDetector(d, fragment, context));
const fake = fakeSecrets(1313);
const b64 = (s: string) => Buffer.from(s).toString("base64");

// Lines that make candidates alone, with a neighbour, only in some files, or never; and lines that
// force a whole scan (keywords of rules that are not line-local, PEM blocks).
const LINES: readonly string[] = [
  "",
  "  end",
  "def call(env)",
  "  @app.call(env)",
  "# frozen_string_literal: true",
  "import os",
  `const token = "${fake.githubClassicPat()}";`,
  `GITHUB_TOKEN=${fake.githubClassicPat()}`,
  `  api_key = "${fake.hex(40)}"`,
  `password = "${fake.password()}Zq9!x7Lm2Pw"`,
  `aws_access_key_id = ${fake.awsAccessKeyId()}`,
  `aws_secret_access_key = ${fake.awsSecretKey()}`,
  `secret: ${fake.awsSecretKey()}`,
  "password:",
  `  ${fake.password()}Kx81mQz0Tr`,
  `url = "postgres://deploy:${fake.password()}x9Q@db.internal.corp:5432/app"`,
  `jwt = "${fake.jwt({ sub: "svc", iss: "nhiscan-test" })}"`,
  `blob = "${b64(fake.githubClassicPat())}"`,
  `slack = "${fake.slackBotToken()}" # nhiscan:allow`,
  `stripe_key = "${fake.stripeLiveKey()}"`,
  `example_token = "${fake.githubClassicPat()}" # example for the docs`,
  // Built here so that this file holds no token-shaped literal (the repository scans itself clean).
  `snyk_token = ${["0f7c2b1e", "3a4d", "4e5f", "8a9b", "0c1d2e3f4a5b"].join("-")}`,
  "_auth = dXNlcjpwYXNzd29yZDEyMzQ1Njc4",
  // A rule keyword that may sit far from the value it vouches for (a bootstrap token under kubeadm).
  "# joined with kubeadm",
  // Generic rules' values are vetted (a placeholder password is dropped): the dedupe must vet them too.
  '  conn = "Server=db;Database=app;User Id=sa;Password=password;"',
  '  conn = "Server=db;Database=app;User Id=sa;Password=Vx7-pl4Kq!;"',
  `  token: "${["7q2mzd", "k4n8w3x9p1r6t5va"].join(".")}"`,
  ...fake.privateKeyPem().split("\n").slice(0, 3),
  "-----END RSA PRIVATE KEY-----",
];
const PATHS = ["app/models/user.rb", "src/config.ts", "deploy.sh", "config/settings.yml", "notes.txt", ".env"] as const;

type Edit = { at: number; remove: number; insert: number[] };
const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 4 }), insert: fc.array(fc.nat({ max: LINES.length - 1 }), { maxLength: 5 }) });
const version = fc.record({ path: fc.constantFrom(...PATHS), edits: fc.array(edit, { minLength: 1, maxLength: 4 }), filler: fc.nat({ max: 400 }) });

function applyEdits(lines: string[], edits: readonly Edit[]): string[] {
  const out = [...lines];
  for (const { at, remove, insert } of edits) out.splice(at % (out.length + 1), remove, ...insert.map((i) => LINES[i] ?? ""));
  return out;
}

/** Filler lines that make a file long (past the rules' 8 KiB window threshold when there are many). */
const filler = (n: number, seed: number) => Array.from({ length: n }, (_, i) => `  value_${(i * 7 + seed) % 97} = compute(${i % 13}) # some text`);

const sortKey = (c: Candidate) => `${c.start}\u0000${c.end}\u0000${c.ruleId}\u0000${c.secret}\u0000${c.confidence}\u0000${JSON.stringify(c.parts ?? {})}`;
const normal = (candidates: readonly Candidate[]) => candidates.map(sortKey).sort();

describe("line-level dedupe", () => {
  test("gives the candidates of a whole scan on every version of evolving files", () => {
    fc.assert(
      fc.property(fc.array(version, { minLength: 2, maxLength: 10 }), fc.nat(), (versions, seed) => {
        const dedupe = createLineDedupe(context, detectAll, new LineKeyTable(4, 8));
        const files = new Map<string, string[]>();
        for (const v of versions) {
          let lines = applyEdits(files.get(v.path) ?? filler(v.filler, seed), v.edits);
          files.set(v.path, lines);
          if (v.filler > 350) lines = [...lines, ...filler(20, seed + 1)];
          const fragment: Fragment = { text: lines.join("\n"), path: v.path, provenance: { kind: "git", blob: "0".repeat(40) } };
          expect(normal(dedupe.detect(fragment))).toEqual(normal(detectAll(fragment)));
        }
      }),
      { numRuns: 150 },
    );
  });

  test("from raw bytes (UTF-8 with wider characters, or Latin-1): the candidates of a whole scan of the decoded text", () => {
    fc.assert(
      fc.property(fc.array(version, { minLength: 2, maxLength: 8 }), fc.nat(), fc.boolean(), (versions, seed, latin1) => {
        const dedupe = createLineDedupe(context, detectAll, new LineKeyTable(4, 8));
        const files = new Map<string, string[]>();
        for (const v of versions) {
          const lines = applyEdits(files.get(v.path) ?? filler(v.filler, seed), v.edits);
          files.set(v.path, lines);
          // Wider characters before secrets shift UTF-16 columns away from byte columns.
          const text = lines.map((line, i) => (i % 3 === seed % 3 ? `${latin1 ? "caf\u00e9 " : "caf\u00e9 \u{1f511} "}${line}` : line)).join("\n");
          const bytes = Buffer.from(text, latin1 ? "latin1" : "utf8");
          // A Latin-1 text with a byte that is not UTF-8 is scanned as Latin-1 (lossy), as files are.
          const event = lazyDecodedEvent(bytes, v.path, { kind: "git", blob: "0".repeat(40) });
          if (event.type !== "fragment") throw new Error("expected a fragment");
          expect(event.fragment.raw?.encoding).toBe(latin1 && /\u00e9/.test(text) ? "latin1" : text === bytes.toString("latin1") ? "latin1" : "utf8");
          const plain: Fragment = { text: event.fragment.text, path: v.path, provenance: event.fragment.provenance };
          const fresh = lazyDecodedEvent(bytes, v.path, { kind: "git", blob: "0".repeat(40) });
          if (fresh.type !== "fragment") throw new Error("expected a fragment");
          expect(normal(dedupe.detect(fresh.fragment))).toEqual(normal(detectAll(plain)));
        }
      }),
      { numRuns: 100 },
    );
  });

  test("scans only new lines and their context when a file changes a little", () => {
    const dedupe = createLineDedupe(context, detectAll);
    const base = filler(2000, 1);
    const token = `const token = "${fake.githubClassicPat()}";`;
    const path = "app/models/user.rb";
    const v1 = [...base.slice(0, 500), token, ...base.slice(500)];
    const v2 = [...v1.slice(0, 1500), "  changed = true", ...v1.slice(1500)];
    const at = (lines: string[]) => ({ text: lines.join("\n"), path, provenance: { kind: "git" as const, blob: "1".repeat(40) } });
    expect(dedupe.detect(at(v1))).toHaveLength(1);
    const before = dedupe.stats.linesScanned;
    const found = dedupe.detect(at(v2));
    // The finding on the unchanged line is made again in the new version, at its new place.
    expect(normal(found)).toEqual(normal(detectAll(at(v2))));
    expect(found).toHaveLength(1);
    expect(dedupe.stats.linesScanned - before).toBeLessThanOrEqual(20);
    expect(dedupe.stats.partial).toBe(1);
  });

  test("a version with no new line and no finding is not scanned", () => {
    const dedupe = createLineDedupe(context, detectAll);
    const text = filler(300, 2).join("\n");
    const fragment: Fragment = { text, path: "a.rb", provenance: { kind: "git", blob: "2".repeat(40) } };
    dedupe.detect(fragment);
    expect(dedupe.detect({ ...fragment, path: "a.rb" })).toEqual([]);
    expect(dedupe.stats.skipped).toBe(1);
    // Another path is another context (path rules, file formats): scanned again.
    dedupe.detect({ ...fragment, path: "b.rb" });
    expect(dedupe.stats.skipped).toBe(1);
  });
});

test("a text of more lines than the buffers hold is scanned whole", () => {
  const dedupe = createLineDedupe(context, detectAll);
  const token = `const token = "${fake.githubClassicPat()}";`;
  const text = [...Array.from({ length: 300_000 }, () => "x"), token].join("\n");
  const fragment: Fragment = { text, path: "big.rb", provenance: { kind: "git", blob: "3".repeat(40) } };
  expect(normal(dedupe.detect(fragment))).toEqual(normal(detectAll(fragment)));
  expect(dedupe.stats.whole).toBe(1);
});

describe("line key table", () => {
  test("remembers flags, grows, and empties itself at its size limit", () => {
    const table = new LineKeyTable(4, 6);
    for (let i = 1; i <= 40; i++) table.set(i * 0x1000100, i, (i % 3) + 1);
    for (let i = 1; i <= 40; i++) expect(table.get(i * 0x1000100, i)).toBe((i % 3) + 1);
    expect(table.get(5, 5)).toBe(0);
    for (let i = 41; i <= 100; i++) table.set(i, i * 31, 1);
    expect(table.resets).toBeGreaterThan(0);
    expect(table.byteLength).toBe(64 * 8);
  });

  test("a slot found before the table moved is not trusted", () => {
    const table = new LineKeyTable(2, 8);
    const slot = table.find(0x100, 7);
    const epoch = table.epoch;
    for (let i = 1; i <= 10; i++) table.set(i << 8, i, 1); // grows: slots move
    table.setAt(slot, epoch, 0x100, 7, 3);
    expect(table.get(0x100, 7)).toBe(3);
    for (let i = 1; i <= 10; i++) expect(table.get(i << 8, i)).toBe(1);
    // Same epoch: stored through the slot, then updated in place.
    const again = table.find(0x200, 99);
    table.setAt(again, table.epoch, 0x200, 99, 5);
    expect(table.flagsAt(table.find(0x200, 99))).toBe(5);
  });
});
