// `nhiscan … | head -1`: the reader exits after its first line. The built CLI must end quietly with
// its usual exit code, not with an unhandled EPIPE stack trace. Run through a real shell pipeline.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";

const BIN = path.resolve(import.meta.dirname, "..", "..", "bin", "nhiscan.js");
const REALWORLD = path.resolve(import.meta.dirname, "..", "..", "fixtures", "realworld");

/** Runs `nhiscan ARGS | READER` in bash; returns nhiscan's exit code and its stderr. */
async function piped(args: readonly string[], reader: string): Promise<{ code: number; stderr: string }> {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  const { stdout, stderr } = await promisify(execFile)("bash", ["-c", `${quoted} | ${reader} >/dev/null; echo "\${PIPESTATUS[0]}"`]);
  return { code: Number(stdout.trim()), stderr };
}

describe("a closed stdout pipe", () => {
  test("rules list | head -1 ends quietly with exit code 0", async () => {
    const { code, stderr } = await piped(["rules", "list"], "head -1");
    expect(stderr).not.toMatch(/EPIPE|Error|\bat /);
    expect(code).toBe(0);
  });

  test("scan --format json | head -c 100 keeps the scan's exit code (1: policy failed)", async () => {
    const { code, stderr } = await piped(["scan", REALWORLD, "--format", "json", "--fail-on", "finding", "--quiet"], "head -c 100");
    expect(stderr).not.toMatch(/EPIPE|Error|\bat /);
    expect(code).toBe(1);
  });
});
