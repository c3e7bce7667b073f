import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { createRepo } from "../helpers/git-repo.js";
import { writeTree } from "../helpers/tree.js";

const who = { name: "Dev", email: "dev@example.com", date: "2026-01-05T10:00:00Z" };

describe("plan --store: sizes measured by the last --history scans", () => {
  test("fills in the sizes the file lacks (a size in the file wins), and --format repos-file writes them for the shards", async () => {
    const root = tempDir();
    const kib = { small: 2, large: 40, given: 10 };
    for (const [name, size] of Object.entries(kib)) {
      mkdirSync(path.join(root, name));
      const repo = await createRepo(path.join(root, name));
      repo.write({ "data.txt": `${"x".repeat(1023)}\n`.repeat(size) });
      await repo.commit("data", who);
    }
    writeTree({ "repos.txt": "small\nlarge\ngiven\t999\n", "scan.txt": "small\nlarge\ngiven\n" }, root);
    const scanned = await runCli(["scan", "--repos-file", "scan.txt", "--history", "--store", "nhi.db", "--format", "json", "--fail-on", "none"], {
      cwd: root,
    });
    expect(scanned.exitCode, scanned.stderr).toBe(0);
    expect((JSON.parse(scanned.stdout) as ScanReport).stats.bytes).toBe((2 + 40 + 10) * 1024);

    const sized = await runCli(["plan", "--repos-file", "repos.txt", "--shards", "2", "--store", "nhi.db", "--format", "repos-file"], { cwd: root });
    expect(sized.exitCode, sized.stderr).toBe(0);
    expect(
      sized.stdout
        .split("\n")
        .filter((l) => l !== "")
        .sort(),
    ).toEqual(["given\t999", `large\t${40 * 1024}`, `small\t${2 * 1024}`]);
    // Without the store the same file plans unsized repositories by hash only.
    const plain = await runCli(["plan", "--repos-file", "repos.txt", "--shards", "2", "--format", "repos-file"], { cwd: root });
    expect(
      plain.stdout
        .split("\n")
        .filter((l) => l !== "")
        .sort(),
    ).toEqual(["given\t999", "large", "small"]);
  });
});
