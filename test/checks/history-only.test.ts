import { describe, expect, test } from "vitest";
import { check } from "../../src/checks/history-only.js";
import type { Credential } from "../../src/model/inventory.js";
import { commitAt, context, credential, location } from "../helpers/credential.js";

const removedAt = location({
  provenance: {
    kind: "git",
    blob: "b".repeat(40),
    introduced: commitAt("2023-01-01T00:00:00Z"),
    removedIn: commitAt("2023-02-01T00:00:00Z", "0ddba11a".repeat(5)),
    inHead: false,
  },
});

describe("history-only (NHI2:2025)", () => {
  test.each<[string, Credential, string, RegExp]>([
    [
      "removed from HEAD, still in history",
      credential({ inHead: false, locations: [removedAt] }),
      "fail",
      /^deleting is not revoking: removed in 0ddba11a on 2023-02-01 but still in history/,
    ],
    ["still in HEAD", credential(), "pass", /present in HEAD/],
    [
      "revoked per baseline",
      credential({ inHead: false, locations: [removedAt], baseline: { status: "revoked", date: "2023-02-02", reason: "x" } }),
      "pass",
      /revoked on 2023-02-02/,
    ],
    ["a managed reference", credential({ kind: "managed-reference", inHead: false }), "not-applicable", /reference/],
  ])("%s → %s", (_name, item, status, message) => {
    const outcome = check.run(item, context());
    expect(outcome).toMatchObject({ checkId: "history-only", status, owasp: "NHI2:2025" });
    expect(outcome.message).toMatch(message);
  });
});
