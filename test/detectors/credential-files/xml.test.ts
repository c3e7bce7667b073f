import { describe, expect, test } from "vitest";
import { xmlFields } from "../../../src/detectors/credential-files/xml.js";

function read(text: string) {
  return xmlFields(text).map((f) => ({ key: f.key, value: f.value, at: text.slice(f.start, f.end), encoding: f.encoding }));
}

describe("xml parser", () => {
  test("FileZilla: element text with its encoding attribute", () => {
    const text = '<FileZilla3><Servers><Server><Host>ftp.acme.io</Host><Pass encoding="base64">aHVudGVyMg==</Pass></Server></Servers></FileZilla3>';
    expect(read(text).find((f) => f.key === "Pass")).toEqual({ key: "Pass", value: "aHVudGVyMg==", at: "aHVudGVyMg==", encoding: "base64" });
  });

  test("Maven: entities are decoded, offsets point at the text as written", () => {
    const written = "a&amp;b&lt;c";
    const text = `<servers>\n  <server>\n    <id>nexus</id>\n    <password>${written}</password>\n  </server>\n</servers>`;
    expect(read(text).find((f) => f.key === "password")).toEqual({ key: "password", value: "a&b<c", at: "a&amp;b&lt;c", encoding: undefined });
  });

  test("NuGet: key/value attribute pairs take the key's name", () => {
    const password = "nuget-pw";
    const text = `<packageSourceCredentials><feed><add key="Username" value="ci" /><add key="ClearTextPassword" value="${password}" /></feed></packageSourceCredentials>`;
    expect(read(text).filter((f) => f.key === "ClearTextPassword")).toEqual([
      { key: "ClearTextPassword", value: "nuget-pw", at: "nuget-pw", encoding: undefined },
    ]);
  });

  test("JetBrains: a plain attribute", () => {
    const text = '<fileTransfer host="web.acme.io" port="21" password="dfdf3c3c" />';
    expect(read(text).find((f) => f.key === "password")?.value).toBe("dfdf3c3c");
  });

  test("commented-out samples are not read", () => {
    expect(read("<!-- <password>old</password> -->\n<servers/>").filter((f) => f.key === "password")).toEqual([]);
  });
});
