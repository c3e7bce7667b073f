// Issue 18 end to end: generic detection in every text file, weak values reported with the
// weak-credential check (and usable in --fail-on), and the value model's drops listed with reasons.
import { describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import { runCli } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { writeTree } from "../helpers/tree.js";

const fake = fakeSecrets(18);
const key = () => fake.pick("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 32);

describe("detection in every text file", () => {
  test("a secret-named value is found whatever the extension, at the confidence its path gives", async () => {
    const values = { notes: key(), "notes.txt": key(), "deploy.log": key(), "app.cfg.bak": key(), "credentials.txt": key(), "docs/setup.md": key() };
    const dir = writeTree(Object.fromEntries(Object.entries(values).map(([file, value]) => [file, `API_KEY=${value}\n`])));
    const { stdout } = await runCli(["scan", dir, "--format", "json", "--fail-on", "none"]);
    const report = JSON.parse(stdout) as ScanReport;
    const found = Object.fromEntries(report.items.flatMap((i) => i.locations.map((l) => [l.path, i.confidence])));
    expect(found).toEqual({ notes: "medium", "notes.txt": "medium", "deploy.log": "medium", "app.cfg.bak": "medium", "credentials.txt": "high" });
    // Documentation: found at low confidence, listed as a suppression with its reason.
    expect(report.suppressions).toContainEqual(expect.objectContaining({ path: "docs/setup.md", reason: "false-positive:documentation-or-test" }));
  });

  test("weak values are findings flagged weak; --fail-on weak-credential fails the build; drops are listed with the value model's reason", async () => {
    const dir = writeTree({
      "config/database.yml": "production:\n  username: orders_app\n  password: letmein\n",
      "deploy/hosts.txt": "mongo = mongodb://app:apppass@db.prod.acme-corp.net/orders\n",
      ".env": `API_KEY=API_KEY\nDB_PASSWORD=\${DB_PASSWORD}\nSECRET_TOKEN=<redacted>\nSERVICE_TOKEN=${key()}\n`,
    });
    const { exitCode, stdout } = await runCli(["scan", dir, "--format", "json", "--fail-on", "weak-credential"]);
    const report = JSON.parse(stdout) as ScanReport;
    expect(exitCode).toBe(1);
    const weak = report.items
      .filter((i) => i.weak === true)
      .map((i) => i.locations[0]?.path)
      .sort();
    expect(weak).toEqual(["config/database.yml", "deploy/hosts.txt"]);
    const db = report.items.find((i) => i.locations[0]?.path === "config/database.yml");
    expect(db?.locations[0]?.parts?.["user"]).toBe("orders_app");
    expect(db?.checks.find((c) => c.checkId === "weak-credential")).toMatchObject({ status: "fail", owasp: "NHI4:2025" });
    const strong = report.items.find((i) => i.locations[0]?.path === ".env");
    expect(strong?.weak).toBeUndefined();
    expect(report.policy.reasons.join(" ")).toMatch(/weak-credential/);
  });
});
