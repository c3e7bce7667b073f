import { describe, expect, test } from "vitest";
import type { InventoryItem } from "../../src/model/inventory.js";
import { loadFormatter } from "../../src/report/index.js";
import { FORMAT_NAMES } from "../../src/report/format-names.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { fixtureWithSecrets } from "../helpers/report-fixture.js";

// Raw values (generated now, never stored) reach an output only when the report says --show-secrets.
const fake = fakeSecrets(99);
const values = new Map<string, string>();
const secretOf = (item: InventoryItem) => {
  const value = values.get(item.credentialId) ?? fake.githubClassicPat();
  values.set(item.credentialId, value);
  return value;
};

describe.each(FORMAT_NAMES)("%s", (name) => {
  test("never prints a raw value without --show-secrets", async () => {
    const format = await loadFormatter(name);
    const out = format({ ...fixtureWithSecrets(secretOf), showSecrets: false }, { color: false });
    for (const value of values.values()) expect(out).not.toContain(value);
  });

  test("prints raw values with --show-secrets", async () => {
    const format = await loadFormatter(name);
    // The table wraps long values inside their cell: 20 characters (previews show at most 6) prove the raw value is there.
    const out = format(fixtureWithSecrets(secretOf), { color: false });
    expect([...values.values()].some((v) => out.includes(v.slice(0, 20)))).toBe(true);
  });
});
