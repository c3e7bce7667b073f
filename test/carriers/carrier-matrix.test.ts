// Context-free recall (issue 18 item 5): every example of every loaded rule (rules/*.yaml and, once
// merged, the provider catalogue: whatever the rule loader returns) is planted into ten carriers
// and must be found in each; every negative example must stay silent in each (its rule does not match). Markdown is
// documentation: a generic value found there at low confidence is listed as a suppression
// (`documentation-or-test`) rather than a finding, which counts as found. Where a rule cannot
// survive a carrier, EXCEPTIONS names it with the reason; nothing is skipped silently.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { scan } from "../../src/api/scan.js";
import type { ScanReport } from "../../src/model/report.js";
import { loadRules } from "../../src/rules/load.js";
import { CARRIERS, carry } from "../helpers/carriers.js";
import type { Carrier } from "../helpers/carriers.js";

// Why a rule's example cannot survive a carrier: each reason is a property of the carrier's syntax.
const JSON_QUOTES =
  'quoted markup or code inside a JSON string: JSON escapes its double quotes, and the unescaped view (\\" read as ` "`) shifts the quote the format expects';
const MULTI_LINE =
  "a multi-line block whose line structure the carrier does not keep (JSON joins lines with \\n; an XML attribute starts the first line with `<note text=`)";
const XML_ESCAPE = "XML escaping (&amp; &lt; &quot;) changes characters the value or its format needs";
const BACKSLASHES = "the line holds backslashes (a UNC path, \\n escapes) that a string literal doubles";
const WHOLE_LINE = "a whole-line record (pwdump line, WireGuard config line): a log prefix or a string around it makes it another line";

/** Rules (or `rule#example`) that cannot be carried somewhere, and why. */
const EXCEPTIONS: Readonly<Record<string, { readonly carriers: readonly Carrier[]; readonly reason: string }>> = {
  "azure-storage-sas-token#0": { carriers: ["xml-attribute"], reason: XML_ESCAPE },
  "azure-app-service-publish-password": { carriers: ["json"], reason: JSON_QUOTES },
  "generic-network-credential": { carriers: ["json"], reason: JSON_QUOTES },
  "generic-powershell-securestring#0": { carriers: ["json"], reason: JSON_QUOTES },
  "generic-psexec-password#1": { carriers: ["code-literal"], reason: BACKSLASHES },
  "generic-gradle-credentials-password#1": { carriers: ["json"], reason: JSON_QUOTES },
  "generic-jaas-config-password": { carriers: ["json"], reason: JSON_QUOTES },
  "generic-net-use-password#1": { carriers: ["code-literal"], reason: BACKSLASHES },
  "generic-api-key-header#1": { carriers: ["json"], reason: JSON_QUOTES },
  "flask-secret-key#1": { carriers: ["json"], reason: JSON_QUOTES },
  "express-session-secret#1": { carriers: ["json"], reason: JSON_QUOTES },
  "wordpress-auth-key-salt": { carriers: ["xml-attribute"], reason: XML_ESCAPE },
  "jwt-secret-yaml-block": { carriers: ["json", "xml-attribute"], reason: MULTI_LINE },
  "jwt-secret-json-block#0": { carriers: ["json", "code-literal"], reason: BACKSLASHES },
  "jwt-secret-config#neg2": {
    carriers: ["json"],
    reason: "a two-line negative example: JSON joins the lines with \\n, so `JWT_SECRET=` reads the next line as its value",
  },
  "aspnet-machine-key": { carriers: ["json"], reason: JSON_QUOTES },
  "gcp-service-account-key#1": { carriers: ["code-literal"], reason: BACKSLASHES },
  "gitlab-workspace-token#1": { carriers: ["json"], reason: MULTI_LINE },
  "age-secret-key#0": { carriers: ["json"], reason: MULTI_LINE },
  "kubernetes-bootstrap-token#1": { carriers: ["json"], reason: MULTI_LINE },
  "kubernetes-bootstrap-token-secret#1": {
    carriers: ["shell-export", "code-literal"],
    reason:
      "keyed by kubeadm's literal `token-secret` field; renamed for shell or JavaScript (`token_secret`), its 16 lower-case characters are below the generic entropy floor",
  },
  "wireguard-private-key#0": { carriers: ["json"], reason: MULTI_LINE },
  "wireguard-private-key#1": { carriers: ["log"], reason: WHOLE_LINE },
  "wireguard-preshared-key#0": { carriers: ["json"], reason: MULTI_LINE },
  "password-hash-ntlm-pwdump": { carriers: ["log", "json", "xml-attribute", "code-literal"], reason: WHOLE_LINE },
  "adyen-api-key#0": { carriers: ["xml-attribute"], reason: XML_ESCAPE },
  "putty-private-key": { carriers: ["json"], reason: MULTI_LINE },
  "openvpn-static-key": { carriers: ["json"], reason: MULTI_LINE },
  "npmrc-basic-auth#0": { carriers: ["json"], reason: MULTI_LINE },
  "nuget-config-cleartext-password#0": { carriers: ["json"], reason: MULTI_LINE },
  "nuget-config-cleartext-password#1": { carriers: ["json"], reason: JSON_QUOTES },
  "composer-http-basic-password#1": { carriers: ["json", "xml-attribute"], reason: JSON_QUOTES },
  "blynk-auth-token": { carriers: ["json"], reason: JSON_QUOTES },
  "snyk-api-token#2": { carriers: ["json"], reason: MULTI_LINE },
};

interface Plant {
  readonly id: string;
  readonly ruleId: string;
  readonly input: string;
  readonly secret: string | undefined;
  readonly negative: boolean;
}

const rules = loadRules();
const plants: Plant[] = rules.flatMap((rule) => [
  ...rule.spec.examples.map((e, i) => ({ id: `${rule.spec.id}#${i}`, ruleId: rule.spec.id, input: e.input, secret: e.secret, negative: false })),
  ...rule.spec.negativeExamples.map((n, i) => ({ id: `${rule.spec.id}#neg${i}`, ruleId: rule.spec.id, input: n, secret: undefined, negative: true })),
]);

let dir = "";
let report: ScanReport;
const findingsByPath = new Map<string, { secret: string; ruleId: string }[]>();
const documented = new Set<string>();

/** Where a plant's carrier file goes, relative to the scanned folder. */
const fileOf = (plant: Plant, carrier: Carrier) => `${carrier}/${plant.id.replace(/[^\w.-]/g, "_")}/${carry(carrier, plant.input, plant.secret).file}`;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "nhiscan-carriers-"));
  for (const plant of plants) {
    for (const carrier of CARRIERS) {
      const rel = fileOf(plant, carrier);
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), carry(carrier, plant.input, plant.secret).text);
    }
  }
  report = await scan({ paths: [dir], showSecrets: true, failOn: ["none"], baseline: false });
  for (const item of report.items) {
    for (const l of item.locations) {
      const list = findingsByPath.get(l.path) ?? [];
      list.push({ secret: item.secret ?? "", ruleId: l.ruleId });
      findingsByPath.set(l.path, list);
    }
  }
  for (const s of report.suppressions ?? []) if (s.reason === "false-positive:documentation-or-test") documented.add(s.path);
}, 600_000);

afterAll(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
}, 600_000);

/** PEM blocks compare without their line breaks (written as `\\n` in some examples). */
const normal = (s: string) => s.replace(/\\n|\s/g, "");
const overlaps = (found: string, expected: string) => found === expected || found.includes(expected) || (found.length >= 8 && expected.includes(found));

function isFound(plant: Plant, carrier: Carrier): boolean {
  const rel = fileOf(plant, carrier);
  const found = findingsByPath.get(rel) ?? [];
  if (found.some((f) => plant.secret === undefined || overlaps(normal(f.secret), normal(plant.secret)))) return true;
  // Each carrier file holds one example: in Markdown, a value suppressed as documentation was found (low).
  return carrier === "markdown" && documented.has(rel);
}

const excused = (plant: Plant, carrier: Carrier) => (EXCEPTIONS[plant.id] ?? EXCEPTIONS[plant.ruleId])?.carriers.includes(carrier) === true;

describe("carrier matrix", () => {
  test("plants every example of every loaded rule", () => {
    expect(plants.filter((p) => !p.negative).length).toBeGreaterThanOrEqual(rules.length);
  });

  test.each(CARRIERS.map((c) => [c]))("every rule example is found in %s", (carrier) => {
    const misses = plants.filter((p) => !p.negative && !excused(p, carrier) && !isFound(p, carrier)).map((p) => `${p.id}: ${p.input.slice(0, 120)}`);
    expect(misses).toEqual([]);
  });

  test.each(CARRIERS.map((c) => [c]))("every negative example stays silent in %s", (carrier) => {
    const flagged = plants
      .filter((p) => p.negative && !excused(p, carrier))
      // Silent means the rule itself does not match; another rule or detector may rightly find the value.
      .filter((p) => (findingsByPath.get(fileOf(p, carrier)) ?? []).some((f) => f.ruleId === p.ruleId))
      .map((p) => `${p.id}: ${p.input.slice(0, 120)}`);
    expect(flagged).toEqual([]);
  });

  test("every exception names a loaded rule and gives a reason", () => {
    const ids = new Set(plants.flatMap((p) => [p.id, p.ruleId]));
    for (const [id, e] of Object.entries(EXCEPTIONS)) {
      expect(ids.has(id), id).toBe(true);
      expect(e.reason.length).toBeGreaterThan(10);
    }
  });
});
