import { describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import { scanReportSchema } from "../../src/report/report-schema.js";
import { runCli } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";

// Exposure in the plain scan report (no store): per item, and median / p90 by owner.
const f = fakeSecrets(5150);
const DAY = 24 * 60 * 60 * 1000;
const days = (from: string, to: string) => Math.floor((Date.parse(to) - Date.parse(from)) / DAY);

describe("exposure days in the scan report", () => {
  test("from the introducing commit to the removing commit (history), or to the scan (still in HEAD)", async () => {
    const repo = await createRepo();
    const alice = (date: string) => ({ name: "Alice", email: "alice@example.com", date });
    const tokens = [f.githubClassicPat(), f.githubClassicPat(), f.githubClassicPat()];
    repo.write({ "a.env": `GITHUB_TOKEN=${tokens[0]}\n`, "b.env": `GITHUB_TOKEN=${tokens[1]}\n` });
    await repo.commit("two tokens", alice("2025-01-01T00:00:00Z"));
    repo.remove("a.env");
    await repo.commit("drop a", alice("2025-01-11T00:00:00Z"));
    repo.remove("b.env");
    await repo.commit("drop b", alice("2025-02-10T00:00:00Z"));
    repo.write({ "c.env": `GITHUB_TOKEN=${tokens[2]}\n` });
    await repo.commit("add c", alice("2025-03-01T00:00:00Z"));

    const result = await runCli(["scan", "--history", repo.dir, "--format", "json"]);
    expect(result.exitCode, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as ScanReport;
    expect(scanReportSchema.safeParse(report).success).toBe(true);
    const byPath = (p: string) => report.items.find((i) => i.locations.some((l) => l.path === p))?.exposureDays;
    expect(byPath("a.env")).toBe(10);
    expect(byPath("b.env")).toBe(40);
    const still = days("2025-03-01T00:00:00Z", report.scannedAt);
    expect(byPath("c.env")).toBe(still);
    const summary = report.summary?.exposure;
    expect(summary).toMatchObject({ count: 3, medianDays: 40, p90Days: still });
    const owners = Object.values(summary?.byOwner ?? {});
    expect(owners.reduce((n, o) => n + o.count, 0)).toBe(3);

    // The working tree: the one value still there, exposed since its commit.
    const tree = JSON.parse((await runCli(["scan", repo.dir, "--format", "json"])).stdout) as ScanReport;
    expect(tree.items.map((i) => i.exposureDays)).toEqual([days("2025-03-01T00:00:00Z", tree.scannedAt)]);
  });
});
