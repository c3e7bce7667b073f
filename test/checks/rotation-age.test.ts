import { describe, expect, test } from "vitest";
import { check } from "../../src/checks/rotation-age.js";
import type { Credential } from "../../src/model/inventory.js";
import { commitAt, context, credential, location } from "../helpers/credential.js";

const fileAt = (date: string, introduced?: string) =>
  location({
    provenance: { kind: "file", lastChange: commitAt(date), ...(introduced === undefined ? {} : { introduced: commitAt(introduced, "feedbeef".repeat(5)) }) },
  });
const historyAt = (date: string) =>
  location({ provenance: { kind: "git", blob: "b".repeat(40), introduced: commitAt(date, "deadbeef".repeat(5)), inHead: false } });

describe("rotation-age (NHI7:2025)", () => {
  test.each<[string, Credential, string, RegExp]>([
    [
      "history: 380 days since the introducing commit",
      credential({ locations: [historyAt("2024-01-01T00:00:00Z")] }),
      "fail",
      /^committed-value age 380 days \(since deadbeef on 2024-01-01\) exceeds maxAgeDays 90/,
    ],
    [
      "working tree: last change 15 days ago",
      credential({ locations: [fileAt("2024-12-31T12:00:00Z")] }),
      "pass",
      /^committed-value age 15 days .*within maxAgeDays 90$/,
    ],
    [
      "working tree: the traced introduction wins over the last change",
      credential({ locations: [fileAt("2024-12-31T12:00:00Z", "2024-06-01T00:00:00Z")] }),
      "fail",
      /^committed-value age 228 days \(since feedbeef/,
    ],
    [
      "several locations: the oldest commit counts",
      credential({ locations: [fileAt("2024-12-31T12:00:00Z"), historyAt("2024-09-01T00:00:00Z")] }),
      "fail",
      /^committed-value age 136 days/,
    ],
    ["exactly maxAgeDays passes", credential({ locations: [historyAt("2024-10-17T12:00:00Z")] }), "pass", /age 90 days/],
    ["not committed", credential(), "not-applicable", /unknown/],
    ["a managed reference", credential({ kind: "managed-reference" }), "not-applicable", /managed reference/],
    [
      "rotated per baseline",
      credential({ locations: [historyAt("2020-01-01T00:00:00Z")], baseline: { status: "rotated", date: "2024-02-01", reason: "x" } }),
      "pass",
      /rotated on 2024-02-01/,
    ],
  ])("%s → %s", (_name, item, status, message) => {
    const outcome = check.run(item, context());
    expect(outcome).toMatchObject({ checkId: "rotation-age", status, owasp: "NHI7:2025" });
    expect(outcome.message).toMatch(message);
  });

  test("the threshold is the policy's", () => {
    expect(check.run(credential({ locations: [fileAt("2024-12-31T12:00:00Z")] }), context({ maxAgeDays: 7 })).status).toBe("fail");
  });
});
