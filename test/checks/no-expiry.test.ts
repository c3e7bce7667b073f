import { describe, expect, test } from "vitest";
import { check } from "../../src/checks/no-expiry.js";
import type { Credential } from "../../src/model/inventory.js";
import { context, credential, location } from "../helpers/credential.js";

const jwt = (parts: Record<string, string>, ruleId = "jwt") =>
  credential({ kind: "token", provider: "jwt", ruleIds: [ruleId], nonExpiring: false, locations: [location({ ruleId, nonExpiring: false, parts })] });

describe("no-expiry (NHI7:2025)", () => {
  test.each<[string, Credential, string, RegExp]>([
    ["a JWT without exp", jwt({ alg: "HS256", sub: "svc" }), "fail", /^JWT without an `exp` claim/],
    ["a JWT found by a generic rule, decoded", jwt({ alg: "RS256" }, "generic-api-key"), "fail", /JWT without/],
    ["a JWT with expiresAt", jwt({ alg: "HS256", expiresAt: "2030-01-01T00:00:00.000Z" }), "pass", /^expires 2030-01-01/],
    ["a JWT with a numeric exp", jwt({ alg: "HS256", exp: "1893456000" }), "pass", /^expires 2030-01-01T00:00:00.000Z$/],
    ["a JWT with an ISO exp", jwt({ alg: "HS256", exp: "2030-01-01T00:00:00.000Z" }), "pass", /^expires 2030-01-01T00:00:00.000Z$/],
    ["a non-expiring token format", credential(), "fail", /no built-in expiry/],
    ["an unknown format", credential({ nonExpiring: false, locations: [location({ nonExpiring: false })] }), "not-applicable", /not visible/],
    ["a managed reference", credential({ kind: "managed-reference" }), "not-applicable", /secret store/],
  ])("%s → %s", (_name, item, status, message) => {
    const outcome = check.run(item, context());
    expect(outcome).toMatchObject({ checkId: "no-expiry", status, owasp: "NHI7:2025" });
    expect(outcome.message).toMatch(message);
  });
});
