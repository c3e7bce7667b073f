import { describe, expect, test } from "vitest";
import { gradeOf } from "../../src/checks/grade.js";
import type { CheckResult } from "../../src/model/check.js";
import type { Severity } from "../../src/model/rule.js";
import { runChecks } from "../../src/checks/index.js";
import { commitAt, context, credential, hint, location } from "../helpers/credential.js";

const failed = (severity: Severity): CheckResult => ({ checkId: "x", status: "fail", severity, owasp: "NHI2:2025", message: "" });
const passed = (severity: Severity): CheckResult => ({ checkId: "x", status: "pass", severity, owasp: "NHI2:2025", message: "" });

// The rule the README documents under "Grading": 100 minus 50 per critical, 30 per high, 15 per
// medium and 5 per low failed check, floored at 0; A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, F below.
describe("grade", () => {
  test.each<[string, CheckResult[], number, string]>([
    ["nothing failed", [passed("critical"), passed("high")], 100, "A"],
    ["one low", [failed("low")], 95, "A"],
    ["two low", [failed("low"), failed("low")], 90, "A"],
    ["one medium", [failed("medium")], 85, "B"],
    ["one high", [failed("high")], 70, "C"],
    ["one critical", [failed("critical")], 50, "D"],
    ["high leak, no expiry, old, ownerless", [failed("high"), failed("medium"), failed("medium"), failed("medium")], 25, "F"],
    ["high leak and no expiry", [failed("high"), failed("medium")], 55, "D"],
    ["floored at 0", [failed("critical"), failed("critical"), failed("critical")], 0, "F"],
  ])("%s → %i %s", (_name, results, score, grade) => {
    expect(gradeOf(results)).toEqual({ score, grade });
  });
});

describe("the README's worked example", () => {
  const committed = { kind: "file" as const, lastChange: commitAt("2023-01-10T09:00:00Z") };
  const token = (paths: string[], environments: ("production" | "staging")[]) =>
    credential({ locations: paths.map((path) => location({ path, provenance: committed })), environments, ownerHints: [hint()] });

  test("a classic token in .env.production, owned, 736 days old: score 40, grade D", () => {
    const results = runChecks(token(["config/.env.production"], ["production"]), context());
    expect(results.filter((r) => r.status === "fail").map((r) => `${r.checkId}:${r.severity}`)).toEqual([
      "leaked-secret:high",
      "no-expiry:medium",
      "rotation-age:medium",
    ]);
    expect(gradeOf(results)).toEqual({ score: 40, grade: "D" });
  });

  test("copied into .env.staging as well: shared and cross-environment fail too, grade F", () => {
    const results = runChecks(token(["config/.env.production", "config/.env.staging"], ["production", "staging"]), context());
    expect(results.filter((r) => r.status === "fail").map((r) => r.checkId)).toEqual([
      "cross-environment",
      "leaked-secret",
      "no-expiry",
      "rotation-age",
      "shared",
    ]);
    expect(gradeOf(results)).toEqual({ score: 0, grade: "F" });
  });
});
