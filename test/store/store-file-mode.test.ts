import { chmodSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { writeTree } from "../helpers/tree.js";

const mode = (file: string) => statSync(file).mode & 0o777;
const target = () => writeTree({ "app.env": `GITHUB_TOKEN=${fakeSecrets(2107).githubClassicPat()}\n` });

describe("a store file nhiscan did not create is made private or refused", () => {
  test("an existing empty 0644 file is narrowed to 0600 before the scan is recorded", async () => {
    const file = path.join(tempDir(), "store.db");
    writeFileSync(file, "");
    chmodSync(file, 0o644);
    const { exitCode, stderr } = await runCli(["scan", target(), "--store", file, "--format", "json"]);
    expect([0, 1], stderr).toContain(exitCode);
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file).subarray(0, 15).toString("latin1")).toBe("SQLite format 3");
  });

  test("an existing store left 0666 is narrowed to 0600 (a leftover WAL file too, which SQLite then removes)", async () => {
    const file = path.join(tempDir(), "store.db");
    await runCli(["scan", target(), "--store", file, "--format", "json"]);
    chmodSync(file, 0o666);
    writeFileSync(`${file}-wal`, "");
    chmodSync(`${file}-wal`, 0o666);
    await runCli(["scan", target(), "--store", file, "--format", "json"]);
    expect(mode(file)).toBe(0o600);
  });

  test("a symlink to an empty file is refused (exit 2) and its target is left untouched", async () => {
    const dir = tempDir();
    const real = path.join(dir, "real.db");
    writeFileSync(real, "");
    chmodSync(real, 0o644);
    const link = path.join(dir, "link.db");
    symlinkSync(real, link);
    const { exitCode, stderr } = await runCli(["scan", target(), "--store", link, "--format", "json"]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain("the store is a symbolic link");
    expect(statSync(real).size).toBe(0);
    expect(mode(real)).toBe(0o644);
  });
});
