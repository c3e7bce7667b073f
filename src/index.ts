export { scan } from "./api/scan.js";
export type { ScanOptions } from "./api/scan.js";
export type { ScanReport, ScanStats, ScanWarning, PolicyOutcome, SkipReason, InventorySummary } from "./model/report.js";
export type { InventoryItem, Credential, OwnerHint, Environment } from "./model/inventory.js";
export type { Finding, Candidate } from "./model/finding.js";
export type { CheckResult, Grade } from "./model/check.js";
export type { RuleSpec, CompiledRule, CredentialKind, Confidence, Severity } from "./model/rule.js";
export { NhiscanError, ConfigError, RuleError, InputError, GitError } from "./model/errors.js";
