import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { FORMAT_NAMES } from "../../src/report/format-names.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";
import type { TestRepo } from "../helpers/git-repo.js";

// Every command and output format, to stdout, stderr and files, with --debug: no raw planted
// secret may appear anywhere unless --show-secrets asks for it.
const fake = fakeSecrets(2026);
const secrets = {
  pat: fake.githubClassicPat(),
  npm: fake.npmToken(),
  aws: fake.awsAccessKeyId(),
  stripe: fake.stripeLiveKey(),
  slack: fake.slackBotToken(),
  dbPassword: fake.password(),
  key: fake.privateKeyPem(),
};
const raw = Object.values(secrets).flatMap((s) => (s.includes("PRIVATE KEY") ? [s.split("\n")[5] ?? s] : [s]));
const who = { name: "Leak Tester", email: "leak@example.com", date: "2025-01-02T03:04:05Z" };

let repo: TestRepo;
let out: string;

beforeAll(async () => {
  repo = await createRepo();
  repo.write({
    ".env.production": `GITHUB_TOKEN=${secrets.pat}\nNPM_TOKEN=${secrets.npm}\n`,
    "deploy/id_rsa": secrets.key,
    "app/settings.py": `DATABASE_URL = "postgres://app:${secrets.dbPassword}@db.internal:5432/app"\nSTRIPE = "${secrets.stripe}"\n`,
  });
  await repo.commit("initial", who);
  repo.write({ "infra/main.tf": `access_key = "${secrets.aws}"\n`, "removed.env": `SLACK=${secrets.slack}\n` });
  await repo.commit("more", who);
  repo.remove("removed.env");
  await repo.commit("remove", who);
  repo.write({ "staged.env": `TOKEN=${fake.githubClassicPat()}\n` });
  await repo.git(["add", "staged.env"]);
  out = tempDir("nhiscan-out-");
}, 60_000);

function everythingWritten(results: { stdout: string; stderr: string }[]): string {
  const files = readdirSync(out).map((name) => readFileSync(path.join(out, name), "utf8"));
  return [...results.flatMap((r) => [r.stdout, r.stderr]), ...files].join("\n");
}

describe("no raw secret leaves redacted form", () => {
  test("scan in every format and git mode, baseline create, merge, errors and --debug", async () => {
    const results = [];
    for (const format of FORMAT_NAMES) {
      results.push(await runCli(["scan", repo.dir, "--format", format, "--debug"]));
      results.push(await runCli(["scan", repo.dir, "--history", "--format", format, "--output", path.join(out, `history.${format}`)]));
    }
    results.push(await runCli(["scan", repo.dir, "--staged", "--format", "json", "--debug"]));
    results.push(await runCli(["scan", repo.dir, "--since", "HEAD~2", "--format", "json"]));
    results.push(await runCli(["scan", repo.dir, "--format", "json", "--output", path.join(out, "a.json")]));
    results.push(
      await runCli(["merge", path.join(out, "a.json"), path.join(out, "history.json"), "--format", "html", "--output", path.join(out, "merged.html")]),
    );
    results.push(await runCli(["baseline", "create", repo.dir, "--output", path.join(out, "baseline.json")]));
    results.push(await runCli(["scan", repo.dir, "--baseline", path.join(out, "baseline.json"), "--debug"]));
    results.push(await runCli(["scan", repo.dir, "--config", path.join(repo.dir, ".env.production"), "--debug"]));
    const text = everythingWritten(results);
    expect(results.map((r) => r.exitCode).filter((c) => c === 3)).toEqual([]);
    for (const secret of raw) expect(text.includes(secret), `raw secret ${secret.slice(0, 6)}… leaked`).toBe(false);
    expect(text).toContain(secrets.pat.slice(0, 6));
  }, 120_000);

  test("report files are written with mode 0600", () => {
    for (const name of readdirSync(out)) expect(statSync(path.join(out, name)).mode & 0o777, name).toBe(0o600);
  });

  test("--show-secrets is the explicit opt-in", async () => {
    const { stdout } = await runCli(["scan", repo.dir, "--history", "--format", "json", "--show-secrets"]);
    for (const secret of [secrets.pat, secrets.npm, secrets.stripe, secrets.slack]) expect(stdout).toContain(secret);
  });
});
