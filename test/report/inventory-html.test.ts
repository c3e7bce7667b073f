// `inventory list --format html`: the persistent inventory as one self-contained page, from a real
// store written by a real scan; repository text is escaped and no raw secret reaches it.
import path from "node:path";
import { describe, expect, test } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { writeTree } from "../helpers/tree.js";

const fake = fakeSecrets(2109);

describe("inventory list --format html", () => {
  test("one row per credential with state, owner and audit trail; escaped; redacted", async () => {
    const token = fake.githubClassicPat();
    const key = fake.stripeLiveKey();
    const dir = writeTree({ "config/<b>.env": `GITHUB_TOKEN=${token}\nSTRIPE_KEY=${key}\n` });
    const store = path.join(tempDir("nhiscan-store-"), "inventory.db");
    const scanned = await runCli(["scan", dir, "--store", store, "--format", "json", "--show-secrets"]);
    expect(scanned.exitCode, scanned.stderr).toBe(1);
    const { exitCode, stdout, stderr } = await runCli(["inventory", "list", "--store", store, "--format", "html"]);
    expect(exitCode, stderr).toBe(0);
    expect(stdout).toMatch(/^<!doctype html>/);
    expect(stdout).toContain("Content-Security-Policy");
    expect(stdout).toContain("2 credential(s), 2 open");
    expect(stdout.match(/<tr class="state-open">/g)).toHaveLength(2);
    expect(stdout).toContain("config/&lt;b&gt;.env:1");
    expect(stdout).not.toContain("<b>");
    expect(stdout).toContain("1 event(s)");
    for (const raw of [token, key]) expect(stdout).not.toContain(raw);
  });
});
