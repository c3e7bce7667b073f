// Builds the demo git repository from fixtures/demo: real commits by several authors on fixed
// dates, a CODEOWNERS file, and fake credentials generated now (scripts/fake-secrets.js).
// Usage: node scripts/make-demo.js [target-dir]   (default: demo-repo)
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fakeSecrets } from "./fake-secrets.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixture = path.join(root, "fixtures", "demo");

export function makeDemo(target = path.join(root, "demo-repo")) {
  const fake = fakeSecrets(2024);
  const values = {
    stripe: fake.stripeLiveKey(),
    dbpassword: fake.password(),
    slack_bot: fake.slackBotToken(),
    slack_webhook: fake.slackWebhook(),
    aws_key_id: fake.awsAccessKeyId(),
    aws_secret: fake.awsSecretKey(),
    github_pat: fake.githubClassicPat(),
    private_key: fake.privateKeyPem().trim(),
  };
  const render = (text) => text.replace(/\{\{(\w+)\}\}/g, (all, name) => values[name] ?? all);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const git = (args, env = {}) =>
    execFileSync("git", ["-c", "core.hooksPath=/dev/null", "-c", "commit.gpgsign=false", ...args], {
      cwd: target,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
  git(["init", "-q", "-b", "main"]);
  const { commits } = JSON.parse(readFileSync(path.join(fixture, "commits.json"), "utf8"));
  for (const commit of commits) {
    for (const file of commit.add ?? []) {
      const dest = path.join(target, file);
      mkdirSync(path.dirname(dest), { recursive: true });
      writeFileSync(dest, render(readFileSync(path.join(fixture, "files", file), "utf8")));
      git(["add", "--", file]);
    }
    for (const file of commit.remove ?? []) git(["rm", "-q", "--", file]);
    const [, name, email] = /^(.*) <(.*)>$/.exec(commit.author);
    const env = {
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: email,
      GIT_AUTHOR_DATE: commit.date,
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: email,
      GIT_COMMITTER_DATE: commit.date,
    };
    git(["commit", "-q", "-m", commit.message], env);
  }
  return target;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = makeDemo(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  process.stderr.write(`Built demo repository at ${path.relative(process.cwd(), target) || "."}\n`);
}
