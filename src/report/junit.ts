import type { InventoryItem } from "../model/inventory.js";
import type { ScanReport } from "../model/report.js";
import { displayValue, failingChecks, locationLabel, ownersOf, provenanceLabel } from "./facts.js";
import type { Formatter } from "./formatter.js";
import { summaryLines } from "./summary.js";

/** JUnit XML: one test case per credential; its failure lists the failing lifecycle checks. */
export const format: Formatter = (report) => {
  const cases = report.items.map((item) => testCase(report, item));
  const failures = report.items.filter((i) => failingChecks(i).length > 0).length;
  const time = (report.stats.durationMs / 1000).toFixed(3);
  const counts = `tests="${report.items.length}" failures="${failures}" errors="0" skipped="0" time="${time}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="nhiscan" ${counts}>`,
    `  <testsuite name="nhiscan credential inventory" ${counts} timestamp="${xml(report.scannedAt.replace(/Z$/, ""))}">`,
    "    <properties>",
    `      <property name="tool" value="${xml(`${report.tool.name} ${report.tool.version}`)}"/>`,
    `      <property name="targets" value="${xml(report.targets.join(" "))}"/>`,
    `      <property name="policy" value="${report.policy.failed ? "failed" : "passed"}"/>`,
    "    </properties>",
    ...cases,
    `    <system-out>${xml([...summaryLines(report), ...report.policy.reasons.map((r) => `Policy: ${r}`)].join("\n"))}</system-out>`,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
};

function testCase(report: ScanReport, item: InventoryItem): string {
  const first = item.locations[0];
  const name = `${item.ruleIds[0] ?? item.kind} ${displayValue(item, report)}`;
  const classname = first === undefined ? item.provider : `${first.repository === undefined ? "" : `${first.repository}:`}${first.path}`;
  const open = `    <testcase name="${xml(name)}" classname="${xml(classname)}" time="0"`;
  const failing = failingChecks(item);
  if (failing.length === 0) return `${open}/>`;
  const message = `grade ${item.grade}: ${failing.map((c) => c.checkId).join(", ")}`;
  const body = [
    `${item.kind} (${item.provider}) ${displayValue(item, report)}, grade ${item.grade} (score ${item.score})`,
    ...failing.map((c) => `FAIL ${c.checkId} [${c.owasp}, ${c.severity}]: ${c.message}`),
    `Owners: ${ownersOf(item).join(", ") || "no owner hint found"}`,
    "Locations:",
    ...item.locations.map((l) => `  ${locationLabel(l)} (${provenanceLabel(l)})`),
  ].join("\n");
  return `${open}>\n      <failure message="${xml(message)}" type="${xml(failing[0]?.checkId ?? "check")}">${xml(body)}</failure>\n    </testcase>`;
}

/** Escapes text for XML content and attributes; drops characters XML 1.0 cannot carry. */
export function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}
