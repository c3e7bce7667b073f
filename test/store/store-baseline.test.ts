import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { StoredCredential } from "../../src/model/store.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { writeTree } from "../helpers/tree.js";

// Baseline statuses and the store agree: a credential the baseline accepts is suppressed from the
// report, so the store marks it accepted (not remediated); a rotated entry makes it rotated.
const list = async (db: string) =>
  (JSON.parse((await runCli(["inventory", "list", "--store", db, "--format", "json"])).stdout) as { credentials: StoredCredential[] }).credentials;

describe("store and baseline", () => {
  test("accepted by the baseline is accepted in the store, rotated in the baseline is rotated", async () => {
    const dir = writeTree({ "deploy.sh": `export GITHUB_TOKEN=${fakeSecrets(99).githubClassicPat()}\n` });
    const db = path.join(tempDir("nhiscan-store-"), "b.db");
    expect((await runCli(["scan", dir, "--store", db, "--format", "json"])).exitCode).toBe(1);
    const [open] = await list(db);
    expect(open?.state).toBe("open");
    const baseline = path.join(dir, "baseline.json");
    const entry = { credentialId: open?.credentialId, preview: open?.preview, ruleIds: [], reason: "accepted for the test" };
    writeFileSync(baseline, JSON.stringify({ version: 1, createdAt: "2025-01-01T00:00:00Z", tool: "test", entries: [entry] }));
    const suppressed = await runCli(["scan", dir, "--store", db, "--baseline", baseline, "--format", "json"]);
    expect(suppressed.exitCode, suppressed.stderr).toBe(0);
    const [accepted] = await list(db);
    expect(accepted).toMatchObject({ state: "accepted", remediatedAt: null });
    expect(accepted?.events.at(-1)).toMatchObject({ actor: "baseline", action: "state", from: "open", to: "accepted" });

    writeFileSync(
      baseline,
      JSON.stringify({ version: 1, createdAt: "2025-01-01T00:00:00Z", tool: "test", entries: [{ ...entry, status: "rotated", date: "2025-02-01" }] }),
    );
    expect((await runCli(["scan", dir, "--store", db, "--baseline", baseline, "--format", "json"])).exitCode).toBe(1);
    const [rotated] = await list(db);
    expect(rotated?.state).toBe("rotated");
    expect(rotated?.events.at(-1)).toMatchObject({ actor: "baseline", from: "accepted", to: "rotated", note: "accepted for the test" });
  });
});
