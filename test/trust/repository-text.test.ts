import { describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import { runCli } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";

const fake = fakeSecrets(2108);

describe("repository text is redacted and escaped the same way in every format", () => {
  test("an author name that is a found token is redacted in JSON, SARIF and the table, in working-tree and history scans", async () => {
    const token = fake.githubClassicPat();
    const repo = await createRepo();
    repo.write({ "app.env": `GITHUB_TOKEN=${token}\n` });
    await repo.commit("add", { name: token, email: `${token}@example.com`, date: "2024-03-04T05:06:07Z" });
    for (const mode of [[], ["--history"]]) {
      const json = await runCli(["scan", repo.dir, ...mode, "--format", "json"]);
      const report = JSON.parse(json.stdout) as ScanReport;
      const location = report.items[0]?.locations[0];
      const commit =
        location?.provenance.kind === "git" ? location.provenance.lastSeen : location?.provenance.kind === "file" ? location.provenance.lastChange : undefined;
      expect(commit?.author, mode.join(" ")).toMatch(/^ghp_..…\[40 chars, #[0-9a-f]{8}\]$/);
      for (const format of ["json", "sarif", "table", "markdown", "csv", "html"]) {
        const { stdout, stderr } = await runCli(["scan", repo.dir, ...mode, "--format", format]);
        expect(`${stdout}${stderr}`.includes(token), `${format} ${mode.join(" ")}`).toBe(false);
      }
    }
    const shown = await runCli(["scan", repo.dir, "--history", "--format", "json", "--show-secrets"]);
    expect(shown.stdout).toContain(`"author": "${token}"`);
  }, 60_000);

  test.each([
    ["zero-width space", "\u200b", "\\u200b"],
    ["byte order mark", "\ufeff", "\\ufeff"],
    ["line separator", "\u2028", "\\u2028"],
    ["paragraph separator", "\u2029", "\\u2029"],
    ["right-to-left override", "\u202e", "\\u202e"],
  ])(
    "a file name with a %s is escaped in the terminal formats and in JSON/SARIF",
    async (_name, ch, escaped) => {
      const repo = await createRepo();
      const name = `conf${ch}ig.env`;
      repo.write({ [name]: `GITHUB_TOKEN=${fake.githubClassicPat()}\n` });
      await repo.commit("add", { name: "Dev", email: "dev@example.com", date: "2024-03-04T05:06:07Z" });
      for (const format of ["table", "markdown", "csv", "json", "sarif"]) {
        const { stdout } = await runCli(["scan", repo.dir, "--format", format]);
        expect(stdout.includes(ch), format).toBe(false);
        // SARIF names the file by a percent-encoded URI; the other formats spell the character out.
        expect(stdout, format).toContain(format === "sarif" ? encodeURIComponent(ch) : escaped);
      }
      const report = JSON.parse((await runCli(["scan", repo.dir, "--format", "json"])).stdout) as ScanReport;
      // JSON escapes are the same value: the path is exact once parsed.
      expect(report.items[0]?.locations[0]?.path).toBe(name);
    },
    30_000,
  );
});
