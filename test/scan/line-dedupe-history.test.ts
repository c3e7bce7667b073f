import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { scan } from "../../src/api/scan.js";
import type { ScanReport } from "../../src/model/report.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { tempDir } from "../helpers/cli.js";
import { createRepo, runGit } from "../helpers/git-repo.js";
import type { Signature } from "../helpers/git-repo.js";

const fake = fakeSecrets(1314);
const who = (day: number): Signature => ({
  name: `Dev ${day % 3}`,
  email: `dev${day % 3}@example.test`,
  date: `2024-01-${String(day).padStart(2, "0")}T10:00:00+00:00`,
});

/** A report without what differs between two runs of the same scan on one thread (time). */
function comparable(report: ScanReport): unknown {
  const { scannedAt: _at, stats, ...rest } = report;
  const { durationMs: _ms, ...counts } = stats;
  return { ...rest, stats: counts };
}

/**
 * The findings of a report as a set (every location with its provenance, and the counts): with
 * worker threads the order of locations, and of what is derived from it (the author lists of
 * check messages), follows the order in which the workers finish their batches.
 */
function findingSet(report: ScanReport): unknown {
  const { durationMs: _ms, ...counts } = report.stats;
  const locations = report.items.flatMap((item) => item.locations.map((l) => JSON.stringify(l)));
  return { counts, items: report.items.map((i) => i.credentialId).sort(), locations: locations.sort() };
}

async function scanWith(dir: string, dedupe: boolean, workers: number): Promise<ScanReport> {
  process.env["NHISCAN_LINE_DEDUPE"] = dedupe ? "1" : "0";
  return scan({ paths: [dir], history: true, workers, failOn: ["none"] });
}

/** A deterministic random number generator (the history must be the same on every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

const saved = process.env["NHISCAN_LINE_DEDUPE"];
afterEach(() => {
  if (saved === undefined) delete process.env["NHISCAN_LINE_DEDUPE"];
  else process.env["NHISCAN_LINE_DEDUPE"] = saved;
});

describe("line-level dedupe in a history scan", () => {
  test("the same report with dedupe on and off, on a generated history of edited files", async () => {
    const rnd = random(13);
    const pool = [
      ...Array.from({ length: 40 }, (_, i) => `  step_${i} = run(${i}) # plain line`),
      `const token = "${fake.githubClassicPat()}";`,
      `aws_secret_access_key = ${fake.awsSecretKey()}`,
      `url = "postgres://deploy:${fake.password()}x9Q@db.internal.corp:5432/app"`,
      `npm_token = "${fake.npmToken()}"`,
      `slack = "${fake.slackBotToken()}" # nhiscan:allow`,
      `api_key = "${fake.hex(40)}"`,
      "password:",
      `  ${fake.password()}Kx81mQz0Tr`,
      ...fake.privateKeyPem().split("\n"),
    ];
    const files: Record<string, string[]> = {
      "app/service.rb": Array.from({ length: 300 }, (_, i) => `  line_${i} = call(${i % 17})`),
      "src/config.ts": Array.from({ length: 40 }, (_, i) => `export const c${i} = ${i};`),
      "config/app.yml": ["production:", "  adapter: postgres"],
      "deploy.sh": ["#!/bin/sh", "set -e"],
    };
    const repo = await createRepo();
    for (let day = 1; day <= 24; day++) {
      for (const lines of Object.values(files)) {
        if (rnd() < 0.4) continue;
        for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) {
          const at = Math.floor(rnd() * (lines.length + 1));
          lines.splice(at, Math.floor(rnd() * 3), ...Array.from({ length: Math.floor(rnd() * 3) }, () => pool[Math.floor(rnd() * pool.length)] ?? ""));
        }
      }
      repo.write(Object.fromEntries(Object.entries(files).map(([file, lines]) => [file, `${lines.join("\n")}\n`])));
      await repo.commit(`change ${day}`, who(day));
    }
    const off = await scanWith(repo.dir, false, 0);
    expect(off.stats.findings).toBeGreaterThan(10);
    expect(comparable(await scanWith(repo.dir, true, 0))).toEqual(comparable(off));
    // Through worker threads (each with its own table) too.
    expect(findingSet(await scanWith(repo.dir, true, 2))).toEqual(findingSet(off));
  }, 120_000);

  test("the same report with dedupe on and off, on this repository's own history", async () => {
    // A clone: a snapshot of every branch, which other work cannot move between the two scans.
    const root = tempDir("nhiscan-self-");
    await runGit(path.resolve(import.meta.dirname, "..", ".."), ["clone", "-q", "--no-checkout", ".", root]);
    const off = await scanWith(root, false, 0);
    expect(off.stats.files).toBeGreaterThan(100);
    expect(comparable(await scanWith(root, true, 0))).toEqual(comparable(off));
  }, 120_000);
});
