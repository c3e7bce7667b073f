// `nhiscan … | head -1`: the reader closes the pipe after its first chunk. The built CLI must end
// quietly with its usual exit code, not with an unhandled EPIPE stack trace.
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { describe, expect, test } from "vitest";

const BIN = path.resolve(import.meta.dirname, "..", "..", "bin", "nhiscan.js");
const REALWORLD = path.resolve(import.meta.dirname, "..", "..", "fixtures", "realworld");

/** Runs the CLI, closes its stdout after the first chunk, and waits for it to exit. */
async function readFirstChunkThenClose(args: readonly string[]): Promise<{ code: number | null; stderr: string; first: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const [first] = (await once(child.stdout, "data")) as [Buffer];
  child.stdout.destroy();
  const [code] = (await once(child, "close")) as [number | null];
  return { code, stderr, first: first.toString("utf8") };
}

describe("a closed stdout pipe", () => {
  test("rules list | head -1 ends quietly with exit code 0", async () => {
    const { code, stderr, first } = await readFirstChunkThenClose(["rules", "list"]);
    expect(first.length).toBeGreaterThan(0);
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(0);
  });

  test("scan --format json | head -c 100 keeps the scan's exit code (1: policy failed)", async () => {
    const { code, stderr } = await readFirstChunkThenClose(["scan", REALWORLD, "--format", "json", "--fail-on", "finding", "--quiet"]);
    expect(stderr).not.toMatch(/EPIPE|Unhandled|at /);
    expect(code).toBe(1);
  });
});
