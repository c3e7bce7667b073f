// A weak value found as a credential (`password`) is also a word in ordinary repository text: paths
// and rule ids that hold it stay whole (the known-secret redaction is for values such as tokens,
// which no path holds by chance). Strong values are still redacted wherever they appear.
import { describe, expect, test } from "vitest";
import { scan } from "../../src/api/scan.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { writeTree } from "../helpers/tree.js";

describe("known-secret redaction and weak values", () => {
  test("a weak password leaves paths and rule ids that contain it whole", async () => {
    const token = fakeSecrets(77).githubClassicPat();
    const dir = writeTree({
      "plain-passwords/app.env": "DB_USER=app\nDB_PASSWORD=password\n",
      [`notes/${token}.txt`]: "nothing here\n",
      "ci/.env": `GITHUB_TOKEN=${token}\n`,
    });
    const report = await scan({ paths: [dir], workers: 0, failOn: ["none"] });
    const weak = report.items.find((i) => i.locations.some((l) => l.path === "plain-passwords/app.env"));
    expect(weak?.weak).toBe(true);
    expect(JSON.stringify(report)).not.toContain(token);
    expect(report.rules.map((r) => r.id)).toContain("generic-sshpass-password");
  });
});
