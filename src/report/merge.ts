import { evaluateGate } from "../checks/gate.js";
import type { CheckContext } from "../checks/index.js";
import { isRetired } from "../inventory/baseline.js";
import { InputError } from "../model/errors.js";
import type { Credential, InventoryItem, OwnerHint } from "../model/inventory.js";
import type { RuleSummary, ScanReport, ScanStats } from "../model/report.js";
import { SKIP_REASONS } from "../model/report.js";
import { CONFIDENCES, SEVERITIES } from "../model/rule.js";
import { formatZodIssues } from "../util/zod-issues.js";
import { gradeCredential, worstFirst } from "../checks/index.js";
import { scanReportSchema } from "./report-schema.js";
import { summarizeInventory } from "../checks/summary.js";

/** One report to merge, with the label its locations get (the repository name). */
export interface MergeInput {
  readonly label: string;
  readonly report: ScanReport;
}

export interface MergeOptions {
  /** Policy and "now" the merged inventory is graded with. */
  readonly context: CheckContext;
  readonly failOn: readonly string[];
  /** Version of the tool doing the merge. */
  readonly version: string;
}

/** Parses a JSON report's text; errors name the file and the first offending keys (exit 2). */
export function parseReport(text: string, file: string): ScanReport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: expected a JSON report (${(error as Error).message})`, {
      hint: "Produce reports with `nhiscan scan --format json --output FILE`.",
    });
  }
  const parsed = scanReportSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(`${file}: not an nhiscan JSON report: ${formatZodIssues(parsed.error).slice(0, 3).join("; ")}`, {
      hint: "Produce reports with `nhiscan scan --format json --output FILE`.",
    });
  }
  // Validated above; the loose schema keeps unknown fields, which the model type does not name.
  return json as ScanReport;
}

/**
 * Merges reports into one inventory: the same credential id in several reports is one item with
 * every location, each tagged with its repository, re-graded so that repositories count as places.
 */
export function mergeReports(inputs: readonly MergeInput[], options: MergeOptions): ScanReport {
  const tag = inputs.length > 1;
  const reports = inputs.map(({ label, report }) => (tag ? tagReport(report, label) : report));
  const groups = new Map<string, InventoryItem[]>();
  for (const item of reports.flatMap((r) => r.items)) groups.set(item.credentialId, [...(groups.get(item.credentialId) ?? []), item]);
  const items = [...groups.values()].map((group) => gradeCredential(combine(group), options.context)).sort(worstFirst);
  const scannedAt = reports.map((r) => r.scannedAt).sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? options.context.now.toISOString();
  return {
    schemaVersion: 1,
    tool: { name: "nhiscan", version: options.version },
    scannedAt,
    targets: tag ? inputs.map((i) => i.label) : (reports[0]?.targets ?? []),
    rules: unionRules(reports.flatMap((r) => r.rules)),
    stats: sumStats(reports.map((r) => r.stats)),
    warnings: reports.flatMap((r) => r.warnings),
    showSecrets: reports.some((r) => r.showSecrets),
    items,
    suppressions: reports.flatMap((r) => r.suppressions ?? []),
    summary: summarizeInventory(items),
    policy: evaluateGate(
      items.filter((i) => !isRetired(i, options.context.now)),
      options.failOn,
      reports.flatMap((r) => r.suppressions ?? []),
    ),
  };
}

/** Tags every location and warning of a report with its repository, keeping tags it already has. */
function tagReport(report: ScanReport, label: string): ScanReport {
  return {
    ...report,
    items: report.items.map((item) => ({ ...item, locations: item.locations.map((l) => ({ ...l, repository: l.repository ?? label })) })),
    warnings: report.warnings.map((w) => ({ ...w, repository: w.repository ?? label })),
    ...(report.suppressions === undefined ? {} : { suppressions: report.suppressions.map((s) => ({ ...s, repository: s.repository ?? label })) }),
  };
}

/** One credential from the same value's items in several reports. */
function combine(group: readonly InventoryItem[]): Credential {
  const max = <T>(order: readonly T[], values: readonly T[]) => values.reduce((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a));
  const owners = new Map<string, OwnerHint>();
  for (const hint of group.flatMap((i) => i.ownerHints)) owners.set(`${hint.source}\u0000${hint.value}`, hint);
  const locations = group
    .flatMap((i) => i.locations)
    .sort((a, b) => (a.repository ?? "").localeCompare(b.repository ?? "") || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  // Later fields (added by newer versions) of the first item are kept; grading fields are recomputed.
  const { checks: _checks, score: _score, grade: _grade, ...first } = group[0] as InventoryItem;
  const secret = group.find((i) => i.secret !== undefined)?.secret;
  const baseline = group.find((i) => i.baseline !== undefined)?.baseline;
  return {
    ...first,
    ruleIds: [...new Set(group.flatMap((i) => i.ruleIds))],
    severity: max(
      SEVERITIES,
      group.map((i) => i.severity),
    ),
    confidence: max(
      CONFIDENCES,
      group.map((i) => i.confidence),
    ),
    nonExpiring: group.some((i) => i.nonExpiring),
    ...(group.some((i) => i.weak === true) ? { weak: true } : {}),
    ...(secret === undefined ? {} : { secret }),
    locations,
    environments: [...new Set(group.flatMap((i) => i.environments))].sort(),
    ownerHints: [...owners.values()],
    inHead: group.some((i) => i.inHead),
    ...(baseline === undefined ? {} : { baseline }),
  };
}

function unionRules(rules: readonly RuleSummary[]): RuleSummary[] {
  const byId = new Map<string, RuleSummary>();
  for (const rule of rules) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

function sumStats(all: readonly ScanStats[]): ScanStats {
  const add = (into: Record<string, number>, from: Readonly<Record<string, number>>) => {
    for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
  };
  const skipped = Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<(typeof SKIP_REASONS)[number], number>;
  const suppressed: Record<string, number> = {};
  for (const s of all) {
    add(skipped, s.skipped);
    add(suppressed, s.suppressed);
  }
  const sum = (key: "files" | "bytes" | "findings" | "durationMs") => all.reduce((n, s) => n + s[key], 0);
  return { files: sum("files"), bytes: sum("bytes"), skipped, findings: sum("findings"), suppressed, durationMs: sum("durationMs") };
}
