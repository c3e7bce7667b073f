import { describe, expect, test } from "vitest";
import { detector } from "../../src/detectors/jwt.js";
import { detect } from "../helpers/detect.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";

const fake = fakeSecrets(31);
const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
const signature = () => Buffer.from(fake.pick("abcdefghijklmnopqrstuvwxyz0123456789", 32)).toString("base64url");
const token = (header: unknown, payload: unknown, sig = signature()) => `${enc(header)}.${enc(payload)}.${sig}`;
const HS256 = { alg: "HS256", typ: "JWT" };

describe("jwt: invalid (reported)", () => {
  test("claims are decoded; exp becomes expiresAt", () => {
    const jwt = token(HS256, { iss: "https://auth.acme.io", sub: "svc-orders", aud: ["api", "web"], iat: 1_700_000_000, exp: 1_900_000_000 });
    const [found, ...rest] = detect(detector, `Authorization: Bearer ${jwt}`);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ ruleId: "jwt", kind: "token", confidence: "high", severity: "high", secret: jwt, nonExpiring: false });
    expect(found?.parts).toEqual({
      alg: "HS256",
      iss: "https://auth.acme.io",
      sub: "svc-orders",
      aud: "api, web",
      iat: "2023-11-14T22:13:20.000Z",
      exp: "2030-03-17T17:46:40.000Z",
      expiresAt: "2030-03-17T17:46:40.000Z",
    });
  });

  test.each([
    ["no exp: a token that never expires", token({ alg: "RS256", kid: "k1" }, { sub: "ci" }), "high", true],
    ["alg none, unsigned", token({ alg: "none" }, { sub: "ci", exp: 1_900_000_000 }, ""), "medium", false],
    ["a payload whose first key starts with a digit (eyI…)", token({ alg: "ES256" }, { "1password.com/auuid": "x", sub: "y" }), "high", true],
  ])("%s", (_name, jwt, confidence, nonExpiring) => {
    const found = detect(detector, `TOKEN=${jwt}\n`, ".env");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ secret: jwt, confidence, nonExpiring });
    expect(found[0]?.parts?.["expiresAt"] === undefined).toBe(nonExpiring);
  });
});

describe("jwt: valid (nothing reported)", () => {
  test.each([
    ["a header without alg", token({ typ: "JWT" }, { sub: "x" })],
    ["a payload that is not JSON", `${enc(HS256)}.${Buffer.from("not json at all").toString("base64url")}.${signature()}`],
    ["a payload that is an array", token(HS256, ["a", "b"])],
    ["the jwt.io sample", token(HS256, { sub: "1234567890", name: "John Doe", iat: 1516239022 })],
    ["one base64 JSON segment", `config=${enc({ name: "widget", version: "1.2.3" })}`],
    ["a word that starts with eyJ", "eyJhbGciOi is how every JWT starts"],
  ])("%s", (_name, text) => {
    expect(detect(detector, text)).toEqual([]);
  });
});
