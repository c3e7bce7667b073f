import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { scan } from "../../src/api/scan.js";
import { tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo, runGit } from "../helpers/git-repo.js";

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
    const marks = tempDir("nhiscan-marks-");
    const bin = tempDir("nhiscan-traps-");
    const trap = (name: string) => {
      const file = path.join(bin, name);
      writeFileSync(file, `#!/bin/sh\ntouch '${path.join(marks, name)}'\ncat\n`, { mode: 0o755 });
      return file;
    };
    writeFileSync(path.join(repo.dir, ".git", "info", "attributes"), "* diff=evil filter=evil\n");
    for (const [key, value] of [
      ["core.fsmonitor", trap("fsmonitor")],
      ["diff.external", trap("diff-external")],
      ["diff.evil.command", trap("diff-driver")],
      ["diff.evil.textconv", trap("textconv")],
      ["filter.evil.clean", trap("filter-clean")],
      ["filter.evil.smudge", trap("filter-smudge")],
      ["core.pager", trap("pager")],
    ]) {
      await runGit(repo.dir, ["config", key ?? "", value ?? ""]);
    }
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
