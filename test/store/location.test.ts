import { chmodSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { isPostgresUrl, redactSecretsOf, redactUrl, storeLocation } from "../../src/store/location.js";
import { pgpassPassword } from "../../src/store/pgpass.js";
import { tempDir } from "../helpers/cli.js";

describe("store locations", () => {
  test.each([
    ["postgres://u@h/db", true],
    ["postgresql://u@h/db", true],
    ["POSTGRES://u@h/db", true],
    ["nhi.db", false],
    ["./postgres/nhi.db", false],
    ["sqlite://x", false],
  ])("%s is PostgreSQL: %s", (value, expected) => {
    expect(isPostgresUrl(value)).toBe(expected);
  });

  test.each([
    ["postgres://u:pw@h/db", "postgres://u:***@h/db"],
    ["postgresql://u:p%40ss@h:5433/db?sslmode=require", "postgresql://u:***@h:5433/db?sslmode=require"],
    ["postgres://u:p@ss/w@h/db", "postgres://u:***@h/db"],
    ["postgres://u@h/db?password=pw&sslmode=require", "postgres://u@h/db?password=***&sslmode=require"],
    ["postgres://u@h/db", "postgres://u@h/db"],
    ["postgres://h/db?host=/tmp/s%40x", "postgres://h/db?host=/tmp/s%40x"],
    ["postgres://:pw@h/db", "postgres://:***@h/db"],
  ])("%s is shown as %s", (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });

  test("every copy of the password is masked in a message, raw and decoded", () => {
    const encoded = encodeURIComponent("p@ss/w0rd");
    const url = `postgres://u:${encoded}@h/db`;
    const location = storeLocation(url, (f) => f);
    expect(redactSecretsOf(location, `failed for ${url}: got p@ss/w0rd, ${encoded}`)).toBe("failed for postgres://u:***@h/db: got ***, ***");
    expect(storeLocation("inventory.db", (f) => `/abs/${f}`)).toEqual({ kind: "sqlite", file: "/abs/inventory.db" });
  });
});

describe(".pgpass", () => {
  const target = { host: "db.internal", port: 5432, database: "inventory", user: "nhiscan" };
  const write = (text: string, mode = 0o600) => {
    const file = path.join(tempDir(), "pgpass");
    writeFileSync(file, text);
    chmodSync(file, mode);
    return { PGPASSFILE: file };
  };

  test.each([
    ["db.internal:5432:inventory:nhiscan:s3cret\n", "s3cret"],
    ["# comment\nother:5432:*:*:no\n*:*:*:nhiscan:any\n", "any"],
    ["db.internal:*:inventory:nhiscan:a\\:b\\\\c:d\n", "a:b\\c:d"],
    ["db.internal:5433:inventory:nhiscan:wrong-port\n", undefined],
    ["db.internal:5432:inventory\n", undefined],
  ])("%j gives %s", (text, expected) => {
    expect(pgpassPassword(target, write(text))).toBe(expected);
  });

  test("a file others may read is ignored, as libpq ignores it", () => {
    expect(pgpassPassword(target, write("*:*:*:*:pw\n", 0o644))).toBeUndefined();
  });

  test("localhost matches a connection through the default socket folder", () => {
    expect(pgpassPassword({ ...target, host: "/var/run/postgresql" }, write("localhost:5432:*:*:sock\n"))).toBe("sock");
  });
});
