import { describe, expect, test } from "vitest";
import { resolveConfig } from "../../src/config/load.js";
import type { SourceEvent } from "../../src/model/fragment.js";
import type { RuleSpec } from "../../src/model/rule.js";
import { createWorkerPool } from "../../src/scan/worker-pool.js";
import { tempDir } from "../helpers/cli.js";

// A rule with a catastrophic pattern, built directly: `rules check` and the loader reject it,
// so only a hand-made pool can meet it. The watchdog must still keep the scan moving.
const slowRule: RuleSpec = {
  id: "test-catastrophic",
  name: "catastrophic backtracking",
  provider: "test",
  kind: "token",
  pattern: "((?:a|a)+)+b",
  flags: "",
  keywords: ["aaaa"],
  confidence: "high",
  severity: "low",
  nonExpiring: false,
  references: ["https://example.com"],
  examples: [],
  negativeExamples: [],
};

const fragment = (path: string, text: string): SourceEvent => ({
  type: "fragment",
  fragment: { path, text, provenance: { kind: "file" } },
  bytes: text.length,
});

describe("worker pool", () => {
  test("a fragment that stalls detection is skipped as timeout and the batch still completes", async () => {
    const dir = tempDir();
    const pool = createWorkerPool(
      1,
      { rules: [{ spec: slowRule, source: "test" }], config: resolveConfig(dir, {}, dir), showSecrets: false, fingerprintKey: undefined },
      500,
    );
    try {
      const tally = await pool.submit([fragment("ok-1.txt", "hello"), fragment("stuck.txt", `${"a".repeat(40)}!`), fragment("ok-2.txt", "world")]);
      expect(tally.skipped.timeout).toBe(1);
      expect(tally.warnings).toEqual([{ path: "stuck.txt", reason: "timeout", detail: "detection took longer than 500 ms" }]);
      expect(tally.files).toBe(2);
    } finally {
      await pool.close();
    }
  }, 20_000);
});
