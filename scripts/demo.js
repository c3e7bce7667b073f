// `npm run demo`: builds the demo repository and scans it, history included, recording the scan
// in a store (demo-repo.db); then commits a fix (the release token moves to the CI secret store,
// a new webhook URL arrives), scans again and shows the inventory and the trend.
// The planted credentials fail the default policy, so nhiscan exits 1; that is the expected
// outcome of the demo, and this script then exits 0.
import { execFileSync, spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fakeSecrets } from "./fake-secrets.js";
import { makeDemo } from "./make-demo.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = makeDemo();
const store = path.join(root, "demo-repo.db");
const custom = process.argv.length > 2;
const rel = (p) => path.relative(process.cwd(), p) || ".";

/** Runs nhiscan as a user would; exit 1 (policy failure on the planted credentials) is expected. */
function nhiscan(args, options = {}) {
  process.stderr.write(`\n$ nhiscan ${args.map((a) => (a.startsWith("/") ? rel(a) : a)).join(" ")}\n\n`);
  const { status } = spawnSync(process.execPath, [path.join(root, "bin", "nhiscan.js"), ...args], { stdio: options.stdio ?? "inherit" });
  if (status !== 0 && status !== 1) process.exitCode = status ?? 3;
  return status;
}

if (custom) {
  if (nhiscan(["scan", target, ...process.argv.slice(2)]) === 1)
    process.stderr.write("\nnhiscan exited 1: the planted fake credentials fail the default policy, as intended.\n");
} else {
  for (const file of [store, `${store}-wal`, `${store}-shm`]) rmSync(file, { force: true });
  const first = nhiscan(["scan", target, "--history", "--store", store]);
  if (first === 1) process.stderr.write("\nnhiscan exited 1: the planted fake credentials fail the default policy, as intended.\n");

  // A later commit: the release token leaves the repository, a Slack webhook arrives.
  const git = (args, env = {}) =>
    execFileSync("git", ["-c", "core.hooksPath=/dev/null", "-c", "commit.gpgsign=false", ...args], {
      cwd: target,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
  writeFileSync(
    path.join(target, "scripts", "release.sh"),
    "#!/bin/sh\n# Publishes a release; GITHUB_TOKEN comes from the CI secret store.\nnpm publish --registry https://registry.npmjs.org/\n",
  );
  writeFileSync(path.join(target, "scripts", "notify.sh"), `#!/bin/sh\ncurl -X POST -d '{"text":"released"}' ${fakeSecrets(2025).slackWebhook()}\n`);
  git(["add", "-A"]);
  const who = { name: "Sam Dev", email: "sam@acme.example", date: "2025-12-01T09:00:00Z" };
  git(["commit", "-q", "-m", "Release token from CI secrets; release notifications"], {
    GIT_AUTHOR_NAME: who.name,
    GIT_AUTHOR_EMAIL: who.email,
    GIT_AUTHOR_DATE: who.date,
    GIT_COMMITTER_NAME: who.name,
    GIT_COMMITTER_EMAIL: who.email,
    GIT_COMMITTER_DATE: who.date,
  });
  process.stderr.write("\n(committed: scripts/release.sh no longer holds the GitHub token; scripts/notify.sh adds a Slack webhook)\n");
  // The second scan of the working tree: the token is remediated, its removing commit found in git.
  nhiscan(["scan", target, "--store", store, "--format", "json", "--output", path.join(root, "demo-repo.json")]);
  nhiscan(["inventory", "list", "--store", store, "--state", "remediated"]);
  nhiscan(["trend", "--store", store]);
}
