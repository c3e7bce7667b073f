import { describe, expect, test } from "vitest";
import { check } from "../../src/checks/weak-credential.js";
import type { Credential } from "../../src/model/inventory.js";
import { context, credential, location } from "../helpers/credential.js";

const weakPassword = credential({
  kind: "password",
  provider: "generic",
  ruleIds: ["structured-config"],
  weak: true,
  locations: [location({ ruleId: "structured-config", weak: true })],
});

describe("weak-credential (NHI4:2025)", () => {
  test.each<[string, Credential, string, RegExp]>([
    ["a weak password", weakPassword, "fail", /guessable value/],
    ["a generated token", credential(), "pass", /not a dictionary word/],
    ["a managed reference", credential({ kind: "managed-reference" }), "not-applicable", /secret store/],
  ])("%s → %s", (_name, item, status, message) => {
    const outcome = check.run(item, context());
    expect(outcome).toMatchObject({ checkId: "weak-credential", status, owasp: "NHI4:2025", severity: "high" });
    expect(outcome.message).toMatch(message);
  });
});
