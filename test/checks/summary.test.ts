import { describe, expect, test } from "vitest";
import { gradeOf } from "../../src/checks/grade.js";
import { runChecks } from "../../src/checks/index.js";
import { summarizeInventory } from "../../src/checks/summary.js";
import type { Credential, InventoryItem } from "../../src/model/inventory.js";
import { context, credential, hint } from "../helpers/credential.js";

const graded = (c: Credential): InventoryItem => {
  const checks = runChecks(c, context());
  return { ...c, checks, ...gradeOf(checks) };
};

describe("inventory summary", () => {
  test("counts the credentials by grade, kind, primary owner and failed check; managed references apart", () => {
    const items = [
      graded(credential({ ownerHints: [hint({ source: "git-author", value: "Alice <a@x>", confidence: "medium" }), hint()] })),
      graded(credential({ credentialId: "2", ownerHints: [] })),
      graded(credential({ credentialId: "3", kind: "managed-reference", nonExpiring: false, ownerHints: [hint({ value: "@acme/ci" })] })),
    ];
    const summary = summarizeInventory(items);
    expect(summary.credentials).toBe(2);
    expect(summary.managedReferences).toBe(1);
    expect(summary.locations).toBe(2);
    // One set of counts: every number is over the two credentials, so the grades add up to them.
    expect(summary.byGrade).toEqual({ A: 0, B: 0, C: 0, D: 2, F: 0 });
    expect(summary.byKind).toEqual({ token: 2 });
    // CODEOWNERS beats a commit author as the primary owner.
    expect(summary.byOwner).toEqual({ "@acme/platform": 1, "no owner hint found": 1 });
    expect(summary.byCheck).toEqual({ "leaked-secret": 2, "no-expiry": 2, "missing-owner": 1 });
    expect(Object.keys(summary.byCheck)).toEqual(["leaked-secret", "no-expiry", "missing-owner"]);
  });

  test("an empty inventory", () => {
    expect(summarizeInventory([])).toEqual({
      credentials: 0,
      managedReferences: 0,
      locations: 0,
      byGrade: { A: 0, B: 0, C: 0, D: 0, F: 0 },
      byKind: {},
      byOwner: {},
      byCheck: {},
    });
  });
});
