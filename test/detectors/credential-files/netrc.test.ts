import { describe, expect, test } from "vitest";
import { netrcFields } from "../../../src/detectors/credential-files/netrc.js";

function read(text: string) {
  return netrcFields(text).map((f) => ({ key: f.key, value: f.value, at: text.slice(f.start, f.end), user: f.user, host: f.host }));
}

describe("netrc parser (.netrc, _netrc, .fetchmailrc)", () => {
  test("one-line and multi-line entries, each with its machine and login", () => {
    const text = "machine api.acme.io login deploy password admin\n\nmachine git.acme.io\n  login bot\n  password s3cr#t\ndefault login root password guest@\n";
    expect(read(text)).toEqual([
      { key: "password", value: "admin", at: "admin", user: "deploy", host: "api.acme.io" },
      { key: "password", value: "s3cr#t", at: "s3cr#t", user: "bot", host: "git.acme.io" },
      { key: "password", value: "guest@", at: "guest@", user: "root", host: "default" },
    ]);
  });

  test("anonymous FTP logins carry an e-mail address by convention (RFC 1635), not a secret", () => {
    const text = "machine ftp.gnu.org\n  login anonymous\n  password mkl@fastmail.com\ndefault login ftp password guest@\nmachine h login u password s3cr#t\n";
    expect(read(text).map((f) => f.value)).toEqual(["s3cr#t"]);
  });

  test("a password that reads like a keyword stays a password", () => {
    expect(read("machine h login u password login\n").map((f) => f.value)).toEqual(["login"]);
  });

  test("fetchmailrc quoted strings, with the quotes outside the value's offsets", () => {
    const text = 'poll mail.acme.io protocol imap\n  user "ops@acme.io" there with password "two words" is ops here\n';
    expect(read(text)).toEqual([{ key: "password", value: "two words", at: "two words", user: "ops@acme.io", host: "mail.acme.io" }]);
  });

  test.each([
    ["a comment", "# machine h login u password old\n"],
    ["a macro body", "macdef init\npassword fake\n\n"],
    ["a machine without a password", "machine h login u\n"],
  ])("nothing from %s", (_name, text) => {
    expect(read(text)).toEqual([]);
  });
});
