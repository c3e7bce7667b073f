import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { scan } from "../../src/api/scan.js";
import type { InventoryItem } from "../../src/model/inventory.js";
import { tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";

// Expiry read from the values themselves, on a real repository: a JWT's `exp` and a
// certificate's validity (a throwaway self-signed certificate made now with openssl).

const fake = fakeSecrets(9119);
const who = { name: "Alice", email: "alice@example.test", date: new Date().toISOString() };
const DAY_MS = 24 * 60 * 60 * 1000;

function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** A self-signed certificate valid from now for `days`. */
function certificate(days: number): string {
  const dir = tempDir("nhiscan-cert-");
  const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", String(days), "-subj", "/CN=svc.example.test"],
    { stdio: "ignore" },
  );
  return readFileSync(cert, "utf8");
}

const result = (item: InventoryItem | undefined, id: string) => item?.checks.find((c) => c.checkId === id);

describe("expiry on a real repository", () => {
  test("a JWT without exp fails no-expiry; one with exp passes", async () => {
    const repo = await createRepo();
    const never = fake.jwt({ sub: "svc-billing", iat: 1700000000 });
    const expiring = fake.jwt({ sub: "svc-billing", iat: 1700000000, exp: 1900000000 });
    repo.write({ "config/never.env": `TOKEN=${never}\n`, "config/expiring.env": `TOKEN=${expiring}\n` });
    await repo.commit("tokens", who);
    const report = await scan({ paths: [repo.dir], workers: 0 });
    const at = (p: string) => report.items.find((i) => i.locations.some((l) => l.path === p));
    expect(result(at("config/never.env"), "no-expiry")).toMatchObject({
      status: "fail",
      owasp: "NHI7:2025",
      message: expect.stringMatching(/^JWT without an `exp` claim/),
    });
    expect(result(at("config/expiring.env"), "no-expiry")).toMatchObject({ status: "pass", message: "expires 2030-03-17T17:46:40.000Z" });
  });

  test.skipIf(!hasOpenssl())("an expired certificate, and one valid too long, fail certificate-validity", async () => {
    const repo = await createRepo();
    repo.write({ "certs/short.pem": certificate(1), "certs/long.pem": certificate(800) });
    await repo.commit("certificates", who);
    // Scanned ten days from now: the one-day certificate has expired.
    const report = await scan({ paths: [repo.dir], workers: 0, now: new Date(Date.now() + 10 * DAY_MS) });
    const at = (p: string) => report.items.find((i) => i.locations.some((l) => l.path === p));
    expect(at("certs/short.pem")?.kind).toBe("certificate");
    expect(result(at("certs/short.pem"), "certificate-validity")).toMatchObject({
      status: "fail",
      owasp: "NHI7:2025",
      message: expect.stringMatching(/^expired on \d{4}-\d{2}-\d{2}$/),
    });
    expect(result(at("certs/long.pem"), "certificate-validity")).toMatchObject({ status: "fail", message: "valid for 800 days, more than 398" });
  });
});
