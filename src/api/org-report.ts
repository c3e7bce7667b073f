import { evaluateGate } from "../checks/gate.js";
import type { CheckContext } from "../checks/index.js";
import { gradeCredential } from "../checks/index.js";
import type { ScanReport } from "../model/report.js";
import type { StoreLocation } from "../model/store.js";
import { mergeReports } from "../report/merge.js";
import { latestScans } from "../store/latest-scans.js";
import { withStore } from "../store/open.js";
import { toolVersion } from "./version.js";

/** The organisation report and what it was built from. */
export interface OrgReport {
  readonly report: ScanReport;
  /** Targets whose latest scan it merged. */
  readonly targets: number;
  /** Targets left out: their latest scan was recorded by an nhiscan that did not keep reports. */
  readonly unreadable: readonly string[];
}

/**
 * The organisation-wide inventory from a store: the latest scan of every target merged as
 * `merge` merges JSON reports (a value in several repositories is one shared item), graded
 * with `context`'s policy.
 */
export async function reportFromStore(location: StoreLocation, options: { context: CheckContext; failOn: readonly string[] }): Promise<OrgReport> {
  const { scans, unreadable } = await withStore(location, { create: false }, latestScans);
  const inputs = scans.map((scan) => {
    const items = scan.credentials.map((credential) => gradeCredential(credential, options.context));
    return { label: scan.target, report: { ...scan.header, items, policy: evaluateGate(items, [], []) } };
  });
  const report = mergeReports(inputs, { context: options.context, failOn: options.failOn, version: toolVersion() });
  return { report, targets: scans.length, unreadable };
}
