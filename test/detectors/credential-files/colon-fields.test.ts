import { describe, expect, test } from "vitest";
import { colonFields } from "../../../src/detectors/credential-files/colon-fields.js";

describe("colon-fields parser (.pgpass, shadow, .htpasswd)", () => {
  test(".pgpass: the password is the fifth field, runs to the end of the line, and is unescaped", () => {
    const text = "db.acme.io:5432:orders:app:hunter2\n*:*:*:postgres:pa\\:ss\\\\w:rd\n# a:b:c:d:commented\n";
    const passwords = colonFields(text, 4, 3).filter((f) => f.key === "4");
    expect(passwords.map((f) => [f.value, f.user, text.slice(f.start, f.end)])).toEqual([
      ["hunter2", "app", "hunter2"],
      ["pa:ss\\w:rd", "postgres", "pa\\:ss\\\\w:rd"],
    ]);
  });

  test("shadow: the hash is the second field, with the user from the first", () => {
    const text = "root:$6$salt$abc:19500:0:99999:7:::\ndaemon:*:19500:0:99999:7:::\r\n";
    const hashes = colonFields(text, 64, 0).filter((f) => f.key === "1");
    expect(hashes.map((f) => [f.value, f.user])).toEqual([
      ["$6$salt$abc", "root"],
      ["*", "daemon"],
    ]);
  });

  test("blank lines and comments yield nothing", () => {
    expect(colonFields("\n   \n# user:hash\n", 64, 0)).toEqual([]);
  });
});
