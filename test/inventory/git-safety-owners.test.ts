import { readdirSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { scan } from "../../src/api/scan.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo, runGit } from "../helpers/git-repo.js";
import { driverTraps, gitTraps } from "../helpers/git-traps.js";

const fake = fakeSecrets(6006);
const who = { name: "Mallory", email: "mallory@example.test", date: "2024-01-01T09:00:00+00:00" };

describe("owner and commit lookups on a hostile repository", () => {
  test("blame, line history and author activity run none of its programs, and still find the commits", async () => {
    const repo = await createRepo();
    const pat = fake.githubClassicPat();
    repo.write({ "config.env": `A=1\nTOKEN=${pat}\n` });
    await repo.commit("one", who);
    // The value's line is edited later, so the line history is followed too.
    repo.write({ "config.env": `A=1\nTOKEN=${pat} # x\n` });
    const second = await repo.commit("two", who);
    const traps = gitTraps({ passThrough: true });
    const { marks } = traps;
    for (const [key, value] of driverTraps(repo.dir, traps)) await runGit(repo.dir, ["config", key, value]);
    // "now" within maxAgeDays of the commits, so the line history is traced too.
    const report = await scan({ paths: [repo.dir], workers: 0, now: new Date("2024-01-20T00:00:00Z") });
    expect(readdirSync(marks)).toEqual([]);
    const provenance = report.items[0]?.locations[0]?.provenance;
    expect(provenance).toMatchObject({ kind: "file", lastChange: { sha: second, author: "Mallory" }, introduced: { author: "Mallory" } });
    expect(provenance?.kind === "file" && provenance.introduced?.sha).not.toBe(second);
    // Control: plain git would have run the clean filter.
    await runGit(repo.dir, ["blame", "--", "config.env"]).catch(() => undefined);
    expect(readdirSync(marks)).toContain("filter-clean");
  });
});
