import { isRetired } from "../inventory/baseline.js";
import type { Finding } from "../model/finding.js";
import type { InventoryItem } from "../model/inventory.js";
import type { RuleSummary, ScanReport } from "../model/report.js";
import type { Confidence, Severity } from "../model/rule.js";
import { shortHash } from "../util/hash.js";
import { displayValue, failingChecks, isLeak, provenanceLabel, repositoriesOf } from "./facts.js";
import type { Formatter } from "./formatter.js";
import { OWASP_NHI_URL } from "./remediation.js";
import { suppressedResults } from "./sarif-suppressions.js";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** Where users find the tool; the SARIF driver must name one. */
export const INFORMATION_URI = "https://www.npmjs.com/package/nhiscan";

const LEVEL: Readonly<Record<Severity, "error" | "warning" | "note">> = { critical: "error", high: "error", medium: "warning", low: "note" };
// GitHub reads security-severity as a string score: >9 critical, 7–8.9 high, 4–6.9 medium, <4 low.
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };
const PRECISION: Readonly<Record<Confidence, string>> = { high: "high", medium: "medium", low: "low" };

/** SARIF 2.1.0 for GitHub code scanning: one result per location of each leaked credential. */
export const format: Formatter = (report) => {
  const now = new Date(report.scannedAt);
  // Managed references are not leaks, and rotated credentials found only in history no longer fail.
  const items = report.items.filter((i) => isLeak(i) && !isRetired(i, now));
  const ruleIds = [...new Set([...items.map(namingRule), ...(report.suppressions ?? []).map((s) => s.ruleId)])].sort();
  const rules = ruleIds.map((id) => sarifRule(ruleMeta(report, id, items)));
  const occurrences = new Map<string, number>();
  const results = [
    ...items.flatMap((item) => item.locations.map((location) => sarifResult(report, item, location, ruleIds.indexOf(namingRule(item)), occurrences))),
    ...suppressedResults(report, (id) => ruleIds.indexOf(id)),
  ];
  const tool = { driver: { name: "nhiscan", semanticVersion: report.tool.version, informationUri: INFORMATION_URI, rules } };
  const log = { $schema: SARIF_SCHEMA, version: "2.1.0", runs: [{ tool, columnKind: "utf16CodeUnits", results }] };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function namingRule(item: InventoryItem): string {
  return item.ruleIds[0] ?? `${item.provider}-${item.kind}`;
}

/** Rule metadata from the report's rule list, completed from the first item it named. */
function ruleMeta(report: ScanReport, id: string, items: readonly InventoryItem[]): Required<Omit<RuleSummary, "hash" | "plugin">> {
  const known = report.rules.find((r) => r.id === id);
  const item = items.find((i) => namingRule(i) === id);
  return {
    id,
    name: known?.name ?? (item === undefined ? id : `${item.provider} ${item.kind}`),
    provider: known?.provider ?? item?.provider ?? "unknown",
    kind: known?.kind ?? item?.kind ?? "token",
    severity: known?.severity ?? item?.severity ?? "high",
    confidence: known?.confidence ?? item?.confidence ?? "medium",
  };
}

function sarifRule(rule: Required<Omit<RuleSummary, "hash" | "plugin">>) {
  const steps = [
    "Rotate (revoke and reissue) the credential at the provider. Deleting the line or the file does not revoke it: the value stays in git history, clones and forks.",
    "Remove the value from the code and load it from a secret manager or the CI system's secret store at run time.",
    "Give each consumer its own credential, with an owner and an expiry.",
    "If it cannot be rotated now, record the decision with `nhiscan baseline create`; mark the entry `status: rotated` once done.",
  ];
  const about = `A literal ${rule.name} is committed to the repository (provider ${rule.provider}, kind ${rule.kind}). Everyone who can read the repository, its history, clones or forks can use it (CWE-798).`;
  const owasp = "OWASP Non-Human Identities Top 10 (2025): NHI2:2025 Secret Leakage, NHI7:2025 Long-Lived Secrets, NHI9:2025 NHI Reuse";
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: `Leaked ${rule.name}` },
    fullDescription: { text: `${about} nhiscan inventories each distinct value once, with its locations, owner hints and lifecycle checks.` },
    helpUri: OWASP_NHI_URL,
    help: {
      text: `${about}\n\nWhat to do:\n${steps.map((s, i) => `${i + 1}. ${s}`).join("\n")}\n\n${owasp}: ${OWASP_NHI_URL}`,
      markdown: `**Leaked ${rule.name}** (\`${rule.id}\`)\n\n${about}\n\n**What to do**\n\n${steps.map((s, i) => `${i + 1}. ${s}`).join("\n")}\n\nSee the [${owasp}](${OWASP_NHI_URL}).`,
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ["security", "secret", "CWE-798", "external/cwe/cwe-798", rule.provider, rule.kind],
      precision: PRECISION[rule.confidence],
      "security-severity": SECURITY_SEVERITY[rule.severity],
    },
  };
}

function sarifResult(report: ScanReport, item: InventoryItem, location: Finding, ruleIndex: number, occurrences: Map<string, number>) {
  // Keyed by credential and file, not line: inserting lines above keeps the alert; the value never enters it.
  const key = `${item.credentialId}\u0000${location.repository ?? ""}\u0000${location.path}`;
  const occurrence = (occurrences.get(key) ?? 0) + 1;
  occurrences.set(key, occurrence);
  const failing = failingChecks(item).map((c) => `${c.checkId} (${c.owasp})`);
  const others = item.locations.length - 1;
  const repos = repositoriesOf(item);
  const text = [
    `${report.rules.find((r) => r.id === namingRule(item))?.name ?? namingRule(item)} ${displayValue(item, report)} (${provenanceLabel(location)}).`,
    `Grade ${item.grade}${failing.length > 0 ? `; failing: ${failing.join(", ")}` : ""}.`,
    others > 0 ? `The same value is at ${others} other location(s)${repos.length > 1 ? ` across ${repos.length} repositories` : ""}.` : "",
    "Rotate it at the provider; deleting it does not revoke it.",
  ];
  return {
    ruleId: namingRule(item),
    ruleIndex,
    level: LEVEL[item.severity],
    message: { text: text.filter((t) => t !== "").join(" ") },
    locations: [{ physicalLocation: { artifactLocation: { uri: toUri(location.path) }, region: { startLine: location.line, startColumn: location.column } } }],
    partialFingerprints: { "credentialId/v1": item.credentialId, primaryLocationLineHash: `${shortHash(key)}:${occurrence}` },
    properties: {
      credentialId: item.credentialId,
      grade: item.grade,
      score: item.score,
      failingChecks: failingChecks(item).map((c) => c.checkId),
      ...(location.repository === undefined ? {} : { repository: location.repository }),
    },
  };
}

/** A repo-relative path as a URI reference: each segment percent-encoded. */
function toUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

function pascalCase(id: string): string {
  return id.replace(/(^|[-_])([a-z0-9])/g, (_m, _sep: string, c: string) => c.toUpperCase());
}
