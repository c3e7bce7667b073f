import { describe, expect, test } from "vitest";
import { check } from "../../src/checks/missing-owner.js";
import type { OwnerHint } from "../../src/model/inventory.js";
import { context, credential, hint } from "../helpers/credential.js";

const author = (lastActive?: string): OwnerHint =>
  hint({
    source: "git-author",
    value: "Alice <alice@example.test>",
    confidence: "medium",
    evidence: "introduced the value in a1b2c3d4 on 2023-01-01",
    ...(lastActive === undefined ? {} : { lastActive }),
  });

describe("missing-owner (NHI1:2025)", () => {
  test.each<[string, OwnerHint[], string, RegExp]>([
    ["a CODEOWNERS owner", [hint()], "pass", /^owner hint @acme\/platform \(codeowners: CODEOWNERS:1/],
    ["a config owner", [hint({ source: "config", value: "@acme/payments", evidence: '.nhiscan.yml: owners["**"]' })], "pass", /@acme\/payments \(config/],
    ["an author active 14 days ago", [author("2025-01-01T00:00:00Z")], "pass", /^active author Alice <alice@example.test>/],
    [
      "an author last active 400 days ago",
      [author("2023-12-12T00:00:00Z")],
      "fail",
      /^no owner hint found: .*authors are inactive \(Alice <alice@example.test>: last commit 400 days ago; activeAuthorDays 180\)/,
    ],
    ["an author with no activity found", [author()], "fail", /no commits found/],
    ["no hints at all", [], "fail", /^no owner hint found: no CODEOWNERS entry or config owner covers its locations, and no commit author is known$/],
    ["an inactive author but a CODEOWNERS owner", [author("2020-01-01T00:00:00Z"), hint()], "pass", /@acme\/platform/],
  ])("%s → %s", (_name, ownerHints, status, message) => {
    const outcome = check.run(credential({ ownerHints }), context());
    expect(outcome).toMatchObject({ checkId: "missing-owner", status, owasp: "NHI1:2025" });
    expect(outcome.message).toMatch(message);
  });

  test("activity is judged against the policy's activeAuthorDays", () => {
    expect(check.run(credential({ ownerHints: [author("2024-12-01T00:00:00Z")] }), context({ activeAuthorDays: 30 })).status).toBe("fail");
  });
});
