import { describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import { runCli } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";

const fake = fakeSecrets(2121);
const who = { name: "Dev", email: "dev@example.com", date: "2024-01-02T03:04:05Z" };

/** Text as UTF-32 with its BOM. */
function utf32(text: string, littleEndian: boolean): Buffer {
  const points = [0xfeff, ...Array.from(text, (ch) => ch.codePointAt(0) ?? 0)];
  const out = Buffer.alloc(points.length * 4);
  for (const [i, p] of points.entries()) {
    if (littleEndian) out.writeUInt32LE(p, i * 4);
    else out.writeUInt32BE(p, i * 4);
  }
  return out;
}

async function scanJson(dir: string, extra: string[] = []): Promise<ScanReport> {
  const { exitCode, stdout } = await runCli(["scan", dir, "--format", "json", ...extra]);
  expect([0, 1]).toContain(exitCode);
  return JSON.parse(stdout) as ScanReport;
}

const lines = (report: ScanReport) => report.items.flatMap((i) => i.locations.map((l) => `${l.path}:${l.line}:${l.column}`)).sort();

describe("every encoding nhiscan reads is read, or the file is reported", () => {
  test.each([
    ["working tree", []],
    ["--history", ["--history"]],
  ])("UTF-32 LE and BE with a BOM: secrets found (%s)", async (_mode, extra) => {
    const a = fake.githubClassicPat();
    const b = fake.githubClassicPat();
    const repo = await createRepo();
    // A character outside the BMP before the secret: columns count UTF-16 code units, as everywhere.
    repo.write({ "le.txt": utf32(`x\r\ntoken=${a}\r\n`, true), "be.txt": utf32(`\u{1F511}\ny\nkey=${b}\n`, false) });
    await repo.commit("utf-32", who);
    const report = await scanJson(repo.dir, extra);
    expect(lines(report)).toEqual(["be.txt:3:5", "le.txt:2:7"]);
    expect(report.stats.files).toBe(2);
  });

  test.each([
    ["working tree", []],
    ["--history", ["--history"]],
  ])("a UTF-32 BOM before bytes that are not UTF-32 is skipped as undecodable (%s)", async (_mode, extra) => {
    const repo = await createRepo();
    const notCodePoint = Buffer.concat([utf32("ok", true), Buffer.from([0x00, 0x00, 0x11, 0x00])]);
    const ragged = Buffer.concat([utf32("ok", false), Buffer.from([0x41, 0x42])]);
    repo.write({ "bad-point.txt": notCodePoint, "ragged.txt": ragged, "fine.txt": "hello\n" });
    await repo.commit("bad utf-32", who);
    const report = await scanJson(repo.dir, extra);
    expect(report.stats.skipped.undecodable).toBe(2);
    const skipped = report.warnings
      .filter((w) => w.reason === "undecodable")
      .map((w) => w.path)
      .sort();
    expect(skipped).toEqual(["bad-point.txt", "ragged.txt"]);
    expect(report.stats.files).toBe(1);
  });
});
