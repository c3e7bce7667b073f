import { symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { writeTree } from "../helpers/tree.js";

// Content of a folder outside the repository; a rule loader's YAML error would quote it.
const OUTSIDE_MARKER = "outside-content-7f3a9c";
const outsideRules = () => writeTree({ "stolen.yaml": `${OUTSIDE_MARKER}: [unclosed\n` });

describe("a repository's config names rule files and the baseline inside the repository only", () => {
  test.each([
    ["an absolute path", (outside: string) => outside],
    ["a path climbing out with ..", (outside: string) => path.relative("/", outside).replace(/^/, "../".repeat(12))],
  ])("rules.paths with %s is refused (exit 2), and nothing from there is read or echoed", async (_label, point) => {
    const outside = outsideRules();
    const repo = writeTree({ ".nhiscan.yml": `rules:\n  paths: [${JSON.stringify(point(outside))}]\n`, "a.txt": "hello\n" });
    const { exitCode, stderr, stdout } = await runCli(["scan", repo, "--format", "json"]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain("rules.paths[0]: expected a path inside the repository");
    expect(`${stdout}${stderr}`).not.toContain(OUTSIDE_MARKER);
    expect(stderr).not.toContain(outside);
  });

  test("a rule folder inside the repository that is a symlink out of it, or holds one, is refused", async () => {
    const outside = outsideRules();
    const linkedDir = writeTree({ ".nhiscan.yml": "rules:\n  paths: [rules]\n" });
    symlinkSync(outside, path.join(linkedDir, "rules"));
    const linkedFile = writeTree({ ".nhiscan.yml": "rules:\n  paths: [rules]\n", "rules/.keep": "" });
    symlinkSync(path.join(outside, "stolen.yaml"), path.join(linkedFile, "rules", "stolen.yaml"));
    for (const repo of [linkedDir, linkedFile]) {
      const { exitCode, stderr } = await runCli(["scan", repo]);
      expect(exitCode).toBe(2);
      expect(stderr).toContain("expected a path inside the repository");
      expect(stderr).not.toContain(OUTSIDE_MARKER);
    }
  });

  test("a baseline outside the repository is refused", async () => {
    const outside = writeTree({ "baseline.json": `{"${OUTSIDE_MARKER}": 1}` });
    const repo = writeTree({ ".nhiscan.yml": `baseline: ${JSON.stringify(path.join(outside, "baseline.json"))}\n` });
    const { exitCode, stderr } = await runCli(["scan", repo]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain("baseline: expected a path inside the repository");
    expect(stderr).not.toContain(OUTSIDE_MARKER);
  });

  test("the operator's --config may name rule folders anywhere (it is trusted)", async () => {
    const outside = outsideRules();
    const config = path.join(writeTree({ "ops.yml": `rules:\n  paths: [${JSON.stringify(outside)}]\n` }), "ops.yml");
    const { exitCode, stderr } = await runCli(["scan", writeTree({ "a.txt": "hi\n" }), "--config", config]);
    // Read, and rejected for what it holds: not for where it is.
    expect(exitCode).toBe(2);
    expect(stderr).toContain("expected a YAML rule file");
  });
});

describe("a config's allowlist regexes are compiled safely or refused", () => {
  test("a regex the linear engine cannot take and that backtracks polynomially is a config error (exit 2)", async () => {
    const repo = writeTree({ ".nhiscan.yml": 'allowlist:\n  regexes: ["(?=x).*a.*a.*b"]\n', "a.txt": "hi\n" });
    const { exitCode, stderr } = await runCli(["scan", repo]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain("allowlist.regexes[0]: expected a linear-time regex, found 3 unbounded wildcards");
  });

  test.each([
    ["a linear-engine regex", "^.*a.*a.*a.*b$"],
    ["a look-ahead without risk", "^(?!AKIA)[A-Z0-9]{20}$"],
  ])("%s is accepted", async (_label, source) => {
    const repo = writeTree({ ".nhiscan.yml": `allowlist:\n  regexes: [${JSON.stringify(source)}]\n`, "a.txt": "hi\n" });
    const { exitCode } = await runCli(["scan", repo]);
    expect(exitCode).toBe(0);
  });
});
