import { describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import { runCli } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { writeTree } from "../helpers/tree.js";

const fake = fakeSecrets(1202);
const CRYPT = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const b64 = (s: string) => Buffer.from(s).toString("base64");
// Weak passwords on purpose (a credential file's whole point is its secret), and one random value.
const dockerPassword = "Passw0rd!";
const random = fake.pick(CRYPT.slice(2), 32);
const bcrypt = () => `$2y$10$${fake.pick(CRYPT, 53)}`;
const rows = [bcrypt(), bcrypt()];
const shadowHash = `$6$${fake.pick(CRYPT, 16)}$${fake.pick(CRYPT, 86)}`;

function credentialTree(): string {
  return writeTree({
    ".pgpass": "# host:port:db:user:password\ndb.acme.io:5432:orders:app:hunter2\n",
    ".netrc": "machine api.acme.io\n  login deploy\n  password admin\n",
    ".docker/config.json": `{\n  "auths": {\n    "registry.acme.io": {\n      "auth": "${b64(`ci:${dockerPassword}`)}"\n    }\n  }\n}\n`,
    // structured-config reads .pypirc too: the same value must be one finding, not two.
    ".pypirc": `[pypi]\nusername = me\npassword = ${random}\n`,
    "etc/shadow": `root:${shadowHash}:19500:0:99999:7:::\ndaemon:*:19500:0:99999:7:::\n`,
    "db/dump.sql": `-- users\nINSERT INTO users VALUES (1,'a@acme.io','${rows[0]}');\nINSERT INTO users VALUES (2,'b@acme.io','${rows[1]}');\n`,
    ".pgpass.example": "db.acme.io:5432:orders:app:changeme-not-real\n",
  });
}

describe("nhiscan scan: credential files and password hashes", () => {
  test("each credential-file value is one high-confidence finding at its line; hashes are password-hash; nothing prints a raw secret", async () => {
    const { exitCode, stdout, stderr } = await runCli(["scan", credentialTree(), "--format", "json"]);
    expect(exitCode).toBe(1);
    const report = JSON.parse(stdout) as ScanReport;
    const found = report.items.flatMap((item) => item.locations.map((l) => `${l.path}:${l.line} ${l.ruleId} ${item.kind} ${l.confidence}`)).sort();
    expect(found).toEqual([
      ".docker/config.json:4 credential-files password high",
      ".netrc:3 credential-files password high",
      ".pgpass:2 credential-files password high",
      ".pypirc:3 credential-files password high",
      "db/dump.sql:2 password-hash-bcrypt password-hash medium",
      "db/dump.sql:3 password-hash-bcrypt password-hash medium",
      "etc/shadow:1 credential-files password-hash high",
    ]);
    for (const secret of ["hunter2", dockerPassword, b64(`ci:${dockerPassword}`), random, shadowHash, ...rows]) {
      expect(stdout + stderr).not.toContain(secret);
    }
    expect(stdout).not.toMatch(/"admin"/);
  });

  test("the table report names the file and line, never the value", async () => {
    const { stdout } = await runCli(["scan", credentialTree()]);
    expect(stdout).toContain(".pgpass:2");
    expect(stdout).not.toContain("hunter2");
  });
});
