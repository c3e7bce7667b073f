import { describe, expect, test } from "vitest";
import { credentialIdDetector, findRemovingCommit } from "../../src/api/removal.js";
import { resolveConfig } from "../../src/config/load.js";
import { loadRules } from "../../src/rules/load.js";
import { secretFingerprint } from "../../src/util/hash.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";

// The bounded history walk behind working-tree remediation: which commit took the value out of
// the path, matched by fingerprint, for a target that is a subfolder of the repository.
const who = (date: string) => ({ name: "Ops", email: "ops@example.com", date });

describe("findRemovingCommit", () => {
  test("finds the commit that replaced the value, past later edits of the file, from a subfolder target", async () => {
    const token = fakeSecrets(31).githubClassicPat();
    const other = fakeSecrets(32).githubClassicPat();
    const repo = await createRepo();
    repo.write({ "svc/config/app.env": `LOG=info\nGITHUB_TOKEN=${token}\n` });
    await repo.commit("add", who("2025-01-01T00:00:00Z"));
    repo.write({ "svc/config/app.env": `LOG=debug\nGITHUB_TOKEN=${token}\n` });
    await repo.commit("edit, value kept", who("2025-01-05T00:00:00Z"));
    repo.write({ "svc/config/app.env": `LOG=debug\nGITHUB_TOKEN=${other}\n` });
    const removing = await repo.commit("rotate", who("2025-02-01T00:00:00Z"));
    repo.write({ "svc/config/app.env": `LOG=warn\nGITHUB_TOKEN=${other}\n` });
    await repo.commit("later edit", who("2025-03-01T00:00:00Z"));

    const root = `${repo.dir}/svc`;
    const config = resolveConfig(root, {}, root);
    const idsOf = credentialIdDetector({ rules: loadRules({ extraDirs: [], disabled: [] }), config, showSecrets: false, fingerprintKey: undefined });
    const found = await findRemovingCommit(root, "config/app.env", secretFingerprint(token, undefined), idsOf);
    expect(found?.sha).toBe(removing);
    expect(Date.parse(found?.date ?? "")).toBe(Date.parse("2025-02-01T00:00:00Z"));
    // The value still in HEAD: no removing commit.
    expect(await findRemovingCommit(root, "config/app.env", secretFingerprint(other, undefined), idsOf)).toBeUndefined();
    // Not a git work tree: nothing to walk.
    expect(await findRemovingCommit("/", "etc/hostname", secretFingerprint(token, undefined), idsOf)).toBeUndefined();
  });
});
