import { describe, expect, test } from "vitest";
import { applyBaseline, createBaseline, isRetired, parseBaseline } from "../../src/inventory/baseline.js";
import type { Baseline } from "../../src/model/baseline.js";
import type { Credential } from "../../src/model/inventory.js";
import { fixtureReport } from "../helpers/report-fixture.js";

const credentials: readonly Credential[] = fixtureReport().items;
const [github, rsa] = credentials;
const baseline = (entries: Baseline["entries"]): Baseline => ({ version: 1, createdAt: "2025-01-01T00:00:00Z", tool: "test", entries });

describe("applyBaseline", () => {
  test("drops accepted credentials by id and counts their locations", () => {
    const { kept, suppressed } = applyBaseline(credentials, baseline([{ credentialId: github?.credentialId ?? "", preview: "", ruleIds: [], reason: "ok" }]));
    expect(kept.map((c) => c.credentialId)).not.toContain(github?.credentialId);
    expect(kept).toHaveLength(credentials.length - 1);
    expect(suppressed).toBe(3);
  });

  test("keeps rotated or revoked credentials, marked", () => {
    const entry = { credentialId: rsa?.credentialId ?? "", preview: "", ruleIds: [], reason: "rotated", status: "revoked", date: "2024-01-01" } as const;
    const { kept, suppressed } = applyBaseline(credentials, baseline([entry]));
    expect(suppressed).toBe(0);
    expect(kept.find((c) => c.credentialId === rsa?.credentialId)?.baseline).toEqual({ status: "revoked", date: "2024-01-01", reason: "rotated" });
  });
});

describe("isRetired", () => {
  const mark = { status: "rotated", date: "2024-06-01", reason: "r" } as const;
  test.each([
    ["history only, after the date", { inHead: false, baseline: mark }, "2024-06-02", true],
    ["history only, on the date", { inHead: false, baseline: mark }, "2024-06-01", true],
    ["history only, before the date", { inHead: false, baseline: mark }, "2024-05-31", false],
    ["in HEAD, after the date", { inHead: true, baseline: mark }, "2025-01-01", false],
    ["not in the baseline", { inHead: false }, "2025-01-01", false],
  ])("%s → %s", (_name, fields, now, expected) => {
    const { baseline: _b, ...plain } = rsa as Credential;
    expect(isRetired({ ...plain, ...fields }, new Date(now))).toBe(expected);
  });
});

describe("createBaseline", () => {
  test("accepts every leaked credential once, skips managed references, keeps earlier entries", () => {
    const previous = baseline([{ credentialId: "f".repeat(32), preview: "old", ruleIds: [], reason: "kept", status: "rotated", date: "2024-01-01" }]);
    const { baseline: created, added } = createBaseline([...credentials, ...credentials], previous, { createdAt: "2025-02-02T00:00:00Z", tool: "nhiscan x" });
    expect(added).toBe(credentials.length - 1);
    expect(created.createdAt).toBe("2025-01-01T00:00:00Z");
    expect(created.entries[0]?.reason).toBe("kept");
    expect(created.entries.map((e) => e.preview)).not.toContain("secrets.DEPLOY_TOKEN");
  });
});

describe("parseBaseline", () => {
  test.each([
    ["{}", /version: expected 1/],
    [JSON.stringify(baseline([{ credentialId: "not-hex", preview: "", ruleIds: [], reason: "x" }])), /entries\[0\]\.credentialId/],
    [JSON.stringify({ ...baseline([]), extra: 1 }), /extra/],
    [
      JSON.stringify(baseline([{ credentialId: "a".repeat(32), preview: "", ruleIds: [], reason: "x", status: "rotated", date: "yesterday" }])),
      /entries\[0\]\.date: expected an ISO date/,
    ],
  ])("%s is rejected naming the key", (text, message) => {
    expect(() => parseBaseline(text, "b.json")).toThrow(message);
  });
});
