import { describe, expect, test } from "vitest";
import { urlListFields } from "../../../src/detectors/credential-files/url-list.js";

/** A credential URL, assembled at run time so that this file holds none (the repository scans itself). */
const url = (user: string, password: string, rest: string) => `https://${user}:${password}@${rest}`;

describe("url-list parser (.git-credentials)", () => {
  test.each([
    ["plain", ["bob", "hunter22", "github.com"], "hunter22", "bob", "github.com", "hunter22"],
    ["URL-encoded !#@", ["bob", "p%40ss%21%23w", "github.com"], "p@ss!#w", "bob", "github.com", "p%40ss%21%23w"],
    ["unencoded @ and # (hand-written)", ["alice", "Qx!#@9z", "gitlab.acme.io/group"], "Qx!#@9z", "alice", "gitlab.acme.io", "Qx!#@9z"],
    ["encoded user, port", ["ci%40acme.io", "tok", "git.acme.io:8443"], "tok", "ci@acme.io", "git.acme.io:8443", "tok"],
  ] as const)("%s", (_name, [u, p, rest], value, user, host, written) => {
    const text = `\n${url(u, p, rest)}\n`;
    const [field] = urlListFields(text);
    expect(field).toMatchObject({ key: "password", value, user, host });
    expect(text.slice(field?.start, field?.end)).toBe(written);
  });

  test.each([
    ["no password", "https://bob@github.com"],
    ["prose", "see https://github.com for more"],
    ["empty", ""],
  ])("nothing from %s", (_name, text) => {
    expect(urlListFields(text)).toEqual([]);
  });
});
