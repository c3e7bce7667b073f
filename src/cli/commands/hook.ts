import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Command } from "commander";
import { InputError, NhiscanError } from "../../model/errors.js";
import { joinPath, packageRoot, resolvePath } from "../../util/path.js";
import { EXIT } from "../exit-codes.js";
import type { ExitCode } from "../exit-codes.js";
import type { CliIo } from "../io.js";

/** Marks hooks this command wrote, so re-installing the same hook is not a conflict. */
const MARKER = "# nhiscan pre-commit hook";

/** `nhiscan hook install`: a plain git pre-commit hook running `nhiscan scan --staged`. */
export function hookCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  const hook = new Command("hook").description("Install nhiscan as a git pre-commit hook (for the pre-commit framework, see .pre-commit-hooks.yaml)");
  hook
    .command("install")
    .description("Write the repository's pre-commit hook: it runs `nhiscan scan --staged` and blocks commits that stage a credential")
    .option("--force", "replace an existing pre-commit hook")
    .action(async (flags: { force?: boolean }) => {
      const dir = await hooksDir(io.cwd);
      const file = joinPath(dir, "pre-commit");
      const script = hookScript(process.execPath, joinPath(packageRoot(), "bin", "nhiscan.js"));
      if (existsSync(file)) {
        const current = readFileSync(file, "utf8");
        if (current === script) {
          io.stdout(`nhiscan: ${file} is already installed\n`);
          setExit(EXIT.ok);
          return;
        }
        if (flags.force !== true) {
          throw new NhiscanError("hook-exists", `${file}: a pre-commit hook already exists${current.includes(MARKER) ? " (an older nhiscan hook)" : ""}`, {
            hint: "Run `nhiscan hook install --force` to replace it, or add `nhiscan scan --staged` to the existing hook.",
          });
        }
      }
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, script);
      chmodSync(file, 0o755);
      io.stdout(`nhiscan: installed ${file}; commits that stage a credential are now blocked (bypass once: git commit --no-verify)\n`);
      setExit(EXIT.ok);
    });
  return hook;
}

/** The hooks folder git uses (honours core.hooksPath and worktrees). */
async function hooksDir(cwd: string): Promise<string> {
  // Not through the hardened git layer: it pins core.hooksPath to /dev/null, the very setting
  // asked for here. rev-parse runs no repository-controlled program (no fsmonitor, hooks or filters).
  const { execFile } = await import("node:child_process");
  const hooks = await new Promise<string>((resolve) => {
    execFile("git", ["rev-parse", "--git-path", "hooks"], { cwd }, (error, stdout) => resolve(error === null ? stdout.trim() : ""));
  });
  if (hooks === "") {
    throw new InputError(`${cwd}: not a git repository`, { hint: "Run `nhiscan hook install` inside the repository (after `git init`)." });
  }
  return resolvePath(cwd, hooks);
}

/** Prefers the project's own nhiscan, then one on PATH, then the nhiscan that installed the hook. */
export function hookScript(node: string, bin: string): string {
  const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
  return `#!/bin/sh
${MARKER}, installed by \`nhiscan hook install\`.
# Blocks the commit when the staged changes add a credential. Skip it once: git commit --no-verify
if [ -x ./node_modules/.bin/nhiscan ]; then
  exec ./node_modules/.bin/nhiscan scan --staged
elif command -v nhiscan >/dev/null 2>&1; then
  exec nhiscan scan --staged
elif [ -f ${q(bin)} ]; then
  exec ${q(node)} ${q(bin)} scan --staged
fi
echo "nhiscan: not found; install it (npm install --save-dev nhiscan) or remove this hook" >&2
exit 1
`;
}
