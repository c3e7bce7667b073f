import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { writeTree } from "../helpers/tree.js";

const fake = fakeSecrets(99);

/** Scans `dir` as JSON and checks the contract for odd input: exit 0 or 1, no stack trace. */
async function scanJson(dir: string, extra: string[] = []): Promise<ScanReport> {
  const { exitCode, stdout, stderr } = await runCli(["scan", dir, "--format", "json", ...extra]);
  expect([0, 1]).toContain(exitCode);
  expect(stderr).not.toMatch(/\n\s+at |unexpected error/);
  return JSON.parse(stdout) as ScanReport;
}

const lines = (report: ScanReport) => report.items.flatMap((i) => i.locations.map((l) => `${l.path}:${l.line}:${l.column}`)).sort();

describe("bad input never crashes the scan", () => {
  test("empty files and a 50 MiB single-line file (skipped by default, scanned when allowed)", async () => {
    const secret = fake.githubClassicPat();
    const dir = writeTree({ "empty.txt": "", "huge.txt": `${"x".repeat(50 * 1024 * 1024)} ${secret}` });
    const skipped = await scanJson(dir);
    expect(skipped.stats.skipped["too-large"]).toBe(1);
    expect(skipped.warnings).toContainEqual(expect.objectContaining({ path: "huge.txt", reason: "too-large" }));
    const scanned = await scanJson(dir, ["--max-file-size", "64MiB"]);
    expect(lines(scanned)).toEqual([`huge.txt:1:${50 * 1024 * 1024 + 2}`]);
  }, 60_000);

  test("UTF-16 LE and BE files with a BOM: secrets are found", async () => {
    const a = fake.githubClassicPat();
    const b = fake.githubClassicPat();
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`x\r\ntoken=${a}\r\n`, "utf16le")]);
    const be = Buffer.from(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`\ny\ntoken=${b}\n`, "utf16le").swap16()]));
    const report = await scanJson(writeTree({ "le.txt": le, "be.txt": be }));
    expect(lines(report)).toEqual(["be.txt:3:7", "le.txt:2:7"]);
  });

  test("invalid UTF-8 is scanned as latin1 and listed; NUL bytes after 8 KiB do not make a file binary", async () => {
    const a = fake.githubClassicPat();
    const b = fake.githubClassicPat();
    const report = await scanJson(
      writeTree({
        "latin1.txt": Buffer.concat([Buffer.from("caf\xe9 ", "latin1"), Buffer.from(`t=${a}\n`)]),
        "late-nul.txt": Buffer.concat([Buffer.from(`${"a".repeat(9000)}\n`), Buffer.from([0]), Buffer.from(`\nk=${b}\n`)]),
      }),
    );
    expect(lines(report)).toEqual(["late-nul.txt:3:3", "latin1.txt:1:8"]);
    expect(report.warnings).toContainEqual({ path: "latin1.txt", reason: "invalid-utf8", detail: "scanned as latin1" });
  });

  test.each([
    ["\r\n", "CRLF"],
    ["\r", "CR"],
    ["\n", "LF"],
  ])("line numbers stay right with %j (%s) line endings", async (eol) => {
    const secret = fake.githubClassicPat();
    const report = await scanJson(writeTree({ "f.env": ["a=1", "b=2", `GITHUB_TOKEN=${secret}`, "c=3"].join(eol) }));
    expect(lines(report)).toEqual(["f.env:3:14"]);
  });

  test("symlink loops, broken links and links out of the root are not followed", async () => {
    const outside = writeTree({ "secret.env": `T=${fake.githubClassicPat()}` });
    const dir = writeTree({ "ok.txt": "fine" });
    symlinkSync(dir, path.join(dir, "loop"));
    symlinkSync(path.join(dir, "missing"), path.join(dir, "broken"));
    symlinkSync(outside, path.join(dir, "outside"));
    const report = await scanJson(dir);
    expect(report.items).toEqual([]);
    expect(report.stats.skipped.symlink).toBe(3);
  });

  test("a FIFO and a socket in the tree are skipped without hanging", async () => {
    const dir = writeTree({ "ok.txt": "fine" });
    execFileSync("mkfifo", [path.join(dir, "fifo")]);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, "sock"), resolve));
    try {
      const report = await scanJson(dir);
      expect(report.stats.skipped["not-regular-file"]).toBe(2);
      expect(report.stats.files).toBe(1);
    } finally {
      server.close();
    }
  });

  test("file names with spaces, newlines, non-ASCII characters and leading dashes", async () => {
    const names = ["with space.env", "new\nline.env", "ünïcödé-日本.env", "-rf.env", "--help.env"];
    const dir = writeTree(Object.fromEntries(names.map((n) => [n, `TOKEN=${fake.githubClassicPat()}\n`])));
    const report = await scanJson(dir);
    expect(report.items.flatMap((i) => i.locations.map((l) => l.path)).sort()).toEqual([...names].sort());
  });

  test("a tree 200 folders deep", async () => {
    const deep = Array.from({ length: 200 }, (_, i) => `d${i}`).join("/");
    const report = await scanJson(writeTree({ [`${deep}/leaf.env`]: `TOKEN=${fake.githubClassicPat()}\n` }));
    expect(report.items).toHaveLength(1);
  });

  test("100 000 tiny files", async () => {
    const dir = tempDir();
    for (let d = 0; d < 100; d++) {
      const sub = path.join(dir, `d${d}`);
      mkdirSync(sub);
      for (let f = 0; f < 1000; f++) writeFileSync(path.join(sub, `f${f}.txt`), `line ${f}\n`);
    }
    writeFileSync(path.join(dir, "d42", "planted.env"), `TOKEN=${fake.githubClassicPat()}\n`);
    const report = await scanJson(dir);
    expect(report.stats.files).toBe(100_001);
    expect(lines(report)).toEqual(["d42/planted.env:1:7"]);
  }, 120_000);
});

describe("files that change under the scan", () => {
  test("a file deleted after the walk is counted as vanished; one truncated is read as it is", async () => {
    const { scanSources } = await import("../../src/scan/scan.js");
    const { resolveConfig } = await import("../../src/config/load.js");
    const { loadRules } = await import("../../src/rules/load.js");
    const dir = writeTree({ "short.env": `T=${fake.githubClassicPat()}\n` });
    const source = {
      id: "test",
      async *events() {
        yield { type: "file" as const, absPath: path.join(dir, "gone.env"), path: "gone.env", maxFileSize: 1024 };
        yield { type: "file" as const, absPath: path.join(dir, "short.env"), path: "short.env", maxFileSize: 1024 };
      },
    };
    const tally = await scanSources(
      [source],
      { rules: loadRules(), config: resolveConfig(dir, {}, dir), showSecrets: false, fingerprintKey: undefined },
      { workers: 0 },
    );
    expect(tally.skipped.vanished).toBe(1);
    expect(tally.warnings).toEqual([{ path: "gone.env", reason: "vanished" }]);
    expect(tally.findings.map((f) => f.path)).toEqual(["short.env"]);
  });
});
