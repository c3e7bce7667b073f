// secretlint as a comparison point: installed on demand into bench/.work (never a project
// dependency) and run on a sample of the generated tree, since it scans at well under 1 MB/s.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { runOnce } from "./measure.js";

export function ensureSecretlint(work) {
  const dir = path.join(work, "secretlint");
  if (existsSync(path.join(dir, "node_modules", ".bin", "secretlint"))) return dir;
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync("npm", ["init", "-y"], { cwd: dir, stdio: "ignore" });
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "secretlint", "@secretlint/secretlint-rule-preset-recommend"], { cwd: dir, stdio: "ignore" });
    return dir;
  } catch {
    console.log("secretlint could not be installed; skipping it");
    return undefined;
  }
}

export function secretlintThroughput(dir, tree, sampleFolders = 2) {
  const config = path.join(dir, ".secretlintrc.json");
  execFileSync("sh", ["-c", `echo '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}' > ${config}`]);
  const folders = readdirSync(path.join(tree, "src"))
    .slice(0, sampleFolders)
    .map((f) => path.join(tree, "src", f));
  const bytes = folders.flatMap((f) => readdirSync(f).map((n) => statSync(path.join(f, n)).size)).reduce((a, b) => a + b, 0);
  const bin = path.join(dir, "node_modules", ".bin", "secretlint");
  const run = runOnce(bin, ["--secretlintrc", config, ...folders.map((f) => `${f}/**/*`)], { cwd: dir });
  return { seconds: run.seconds, mb: bytes / 1e6 };
}
