import { beforeEach, describe, expect, test } from "vitest";
import { scan } from "../../src/api/scan.js";
import type { ScanReport } from "../../src/model/report.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";
import type { TestRepo } from "../helpers/git-repo.js";

const fake = fakeSecrets(4006);
const old = fake.githubClassicPat();
const fresh = fake.githubClassicPat();
const who = { name: "Alice", email: "alice@example.test", date: "2024-01-01T09:00:00+00:00" };

const found = (report: ScanReport) => report.items.flatMap((i) => i.locations.map((l) => `${l.path}:${l.line} ${i.secret ?? ""}`)).sort();

describe("scan --staged", () => {
  let repo: TestRepo;
  beforeEach(async () => {
    repo = await createRepo();
    repo.write({ "config/app.env": `# config\nTOKEN=${old}\nLOG=info\n`, "README.md": "# app\n" });
    await repo.commit("initial", who);
  });
  const run = () => scan({ paths: [repo.dir], staged: true, workers: 0, showSecrets: true });

  test("a staged new secret in a new file fails", async () => {
    repo.write({ "deploy/key.sh": `export T=${fresh}\n` });
    await repo.git(["add", "deploy/key.sh"]);
    const report = await run();
    expect(found(report)).toEqual([`deploy/key.sh:1 ${fresh}`]);
    expect(report.policy.failed).toBe(true);
  });

  test("a secret added to a file that already holds an old one: only the new line counts", async () => {
    repo.write({ "config/app.env": `# config\nTOKEN=${old}\nLOG=info\nNEW_TOKEN=${fresh}\n` });
    await repo.git(["add", "-A"]);
    expect(found(await run())).toEqual([`config/app.env:4 ${fresh}`]);
  });

  test("an old committed secret on an unchanged line does not block an unrelated change", async () => {
    repo.write({ "config/app.env": `# config, edited\nTOKEN=${old}\nLOG=debug\n`, "README.md": "# app\nmore\n" });
    await repo.git(["add", "-A"]);
    const report = await run();
    expect(report.items).toEqual([]);
    expect(report.policy.failed).toBe(false);
    expect(report.stats.suppressed["unchanged-line"]).toBe(1);
  });

  test("renaming a file with an old secret does not block; changing the secret's line does", async () => {
    await repo.git(["mv", "config/app.env", "config/renamed app.env"]);
    expect((await run()).items).toEqual([]);
    repo.write({ "config/renamed app.env": `# config\nTOKEN=${fresh}\nLOG=info\n` });
    await repo.git(["add", "-A"]);
    expect(found(await run())).toEqual([`config/renamed app.env:2 ${fresh}`]);
  });

  test("the index content is scanned, not the work tree", async () => {
    repo.write({ "a.env": `TOKEN=${fresh}\n` });
    await repo.git(["add", "a.env"]);
    repo.write({ "a.env": "TOKEN=removed-in-work-tree\n" });
    expect(found(await run())).toEqual([`a.env:1 ${fresh}`]);
  });

  test("nothing staged scans nothing", async () => {
    const report = await run();
    expect(report.stats.files).toBe(0);
    expect(report.items).toEqual([]);
  });

  test("works before the first commit", async () => {
    const empty = await createRepo();
    empty.write({ "x.env": `TOKEN=${fresh}\n` });
    await empty.git(["add", "x.env"]);
    const report = await scan({ paths: [empty.dir], staged: true, workers: 0, showSecrets: true });
    expect(found(report)).toEqual([`x.env:1 ${fresh}`]);
  });
});
