import { describe, expect, test } from "vitest";
import { keyValueFields } from "../../../src/detectors/credential-files/key-value.js";

/** Key, value and the text at the value's offsets, which must be the value as written. */
function read(text: string) {
  return keyValueFields(text).map((f) => ({ key: f.key, value: f.value, at: text.slice(f.start, f.end), section: f.path?.[0] }));
}

describe("key-value parser (INI-like credential files)", () => {
  test.each([
    ["AWS credentials", "[default]\naws_access_key_id = AKIA0000\naws_secret_access_key = s3cr3t/Key+\n", "aws_secret_access_key", "s3cr3t/Key+", "default"],
    [".my.cnf, quoted", '[client]\nuser = root\npassword = "pa ss;word"\n', "password", "pa ss;word", "client"],
    [".npmrc scoped token (a key starting with //)", "//registry.npmjs.org/:_authToken=tok3n\n", "//registry.npmjs.org/:_authToken", "tok3n", undefined],
    ["msmtprc, space-separated", "account default\nhost smtp.acme.io\npassword hunter2\n", "password", "hunter2", undefined],
    ["muttrc set", 'set smtp_pass = "admin"\n', "smtp_pass", "admin", undefined],
    ["WinSCP session", "[Sessions\\deploy@web]\nHostName=web.acme.io\nPassword=A35C7552D36E\n", "Password", "A35C7552D36E", "Sessions\\deploy@web"],
    ["properties colon form", "signing.password: gradle!pw\n", "signing.password", "gradle!pw", undefined],
    ["CRLF line ends", "[pypi]\r\npassword = pypi-pw\r\n", "password", "pypi-pw", "pypi"],
  ])("%s", (_name, text, key, value, section) => {
    const field = read(text).find((f) => f.key === key);
    expect(field).toEqual({ key, value, at: value, section });
  });

  test.each([
    ["a commented sample", "# password = old-one\n; password = older\n"],
    ["an empty value", "password =\npassword=\n"],
    ["a section header alone", "[password]\n"],
  ])("nothing from %s", (_name, text) => {
    expect(read(text).filter((f) => f.key === "password")).toEqual([]);
  });
});
