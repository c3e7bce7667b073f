import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { CHECKS, runChecks } from "../../src/checks/index.js";
import { context, credential } from "../helpers/credential.js";

describe("check registry", () => {
  test("ids are sorted, kebab-case and match their key", () => {
    const ids = Object.keys(CHECKS);
    expect(ids).toEqual([...ids].sort());
    for (const [id, check] of Object.entries(CHECKS)) {
      expect(check.id).toBe(id);
      expect(id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
    }
  });

  test.each(Object.entries(CHECKS))("%s names an OWASP NHI Top 10 (2025) id as OWASP writes it", (_id, check) => {
    expect(check.owasp).toMatch(/^NHI(?:[1-9]|10):2025$/);
  });

  test.each(Object.keys(CHECKS))("%s stays within the 150-line budget of a check", (id) => {
    const file = path.resolve(import.meta.dirname, "../../src/checks", `${id}.ts`);
    expect(readFileSync(file, "utf8").split("\n").length).toBeLessThanOrEqual(150);
  });

  test("the DESIGN mapping: each lifecycle check evidences its OWASP item", () => {
    expect(Object.fromEntries(Object.values(CHECKS).map((c) => [c.id, c.owasp]))).toEqual({
      "certificate-validity": "NHI7:2025",
      "cross-environment": "NHI8:2025",
      "history-only": "NHI2:2025",
      "leaked-secret": "NHI2:2025",
      "missing-owner": "NHI1:2025",
      "no-expiry": "NHI7:2025",
      "plaintext-in-ci": "NHI2:2025",
      "rotation-age": "NHI7:2025",
      shared: "NHI9:2025",
      "weak-credential": "NHI4:2025",
    });
  });

  test("every result carries evidence text and the check's OWASP id", () => {
    for (const outcome of runChecks(credential(), context())) {
      expect(outcome.message.length).toBeGreaterThan(0);
      expect(outcome.owasp).toBe(CHECKS[outcome.checkId]?.owasp);
    }
  });
});
