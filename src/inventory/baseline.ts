import { readFileSync } from "node:fs";
import type { Baseline, BaselineEntry } from "../model/baseline.js";
import { BASELINE_STATUSES } from "../model/baseline.js";
import { ConfigError } from "../model/errors.js";
import type { Credential } from "../model/inventory.js";
import { lazyRequire, lazyValue } from "../util/lazy-require.js";
import { formatZodIssues } from "../util/zod-issues.js";

/** Default baseline file name, relative to the current folder. */
export const DEFAULT_BASELINE_FILE = ".nhiscan-baseline.json";
/** Reason written for entries that `nhiscan baseline create` adds. */
export const CREATED_REASON = "accepted at creation";

const zod = lazyRequire<typeof import("zod")>("zod");

// Built on first use: most scans have no baseline.
const baselineSchema = lazyValue(() => {
  const { z } = zod();
  const isoDate = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), "expected an ISO date such as 2025-03-01");

  const entrySchema = z
    .object({
      credentialId: z.string().regex(/^[0-9a-f]{16,64}$/, "expected a credential id (hex)"),
      preview: z.string(),
      ruleIds: z.array(z.string()).default([]),
      reason: z.string().min(1, "expected a reason").default(CREATED_REASON),
      status: z.enum(BASELINE_STATUSES).exactOptional(),
      date: isoDate.exactOptional(),
      seenAt: z.array(z.string()).exactOptional(),
    })
    .strict()
    .refine((e) => e.status === undefined || e.date !== undefined, { message: "expected a date with status", path: ["date"] });

  return z
    .object({
      version: z.literal(1, "expected 1"),
      createdAt: z.string(),
      tool: z.string(),
      entries: z.array(entrySchema),
    })
    .strict();
});

/** Parses and validates a baseline file's text; errors name the file and the key. */
export function parseBaseline(text: string, file: string): Baseline {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: expected a JSON baseline file (${(error as Error).message})`, { cause: error });
  }
  const parsed = baselineSchema().safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(`${file}: ${formatZodIssues(parsed.error).slice(0, 3).join("; ")}`, {
      hint: "Recreate it with `nhiscan baseline create`, or fix the entry named.",
    });
  }
  return parsed.data;
}

/** Reads a baseline file. */
export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new ConfigError(`${file}: cannot read baseline file (${code === "ENOENT" ? "no such file" : code})`, {
      hint: "Create one with `nhiscan baseline create`, or fix the --baseline / `baseline:` path.",
      cause: error,
    });
  }
  return parseBaseline(text, file);
}

/** The result of applying a baseline: what stays in the inventory, and how many locations it hid. */
export interface BaselineOutcome {
  readonly kept: Credential[];
  /** Locations of accepted credentials that were dropped. */
  readonly suppressed: number;
  /** The accepted credentials that were dropped (their locations are listed as suppressions). */
  readonly dropped: Credential[];
}

/**
 * Drops accepted credentials wherever they are now (matching by credential id, so moved or
 * shifted values stay suppressed and a new value on the same line does not), and marks
 * rotated or revoked ones so the gate can let their history-only occurrences pass.
 */
export function applyBaseline(credentials: readonly Credential[], baseline: Baseline): BaselineOutcome {
  const entries = new Map(baseline.entries.map((e) => [e.credentialId, e]));
  const kept: Credential[] = [];
  const dropped: Credential[] = [];
  let suppressed = 0;
  for (const credential of credentials) {
    const entry = entries.get(credential.credentialId);
    if (entry === undefined) kept.push(credential);
    else if (entry.status !== undefined && entry.date !== undefined) {
      kept.push({ ...credential, baseline: { status: entry.status, date: entry.date, reason: entry.reason } });
    } else {
      suppressed += credential.locations.length;
      dropped.push(credential);
    }
  }
  return { kept, suppressed, dropped };
}

/** Whether a credential is rotated or revoked (as of `now`) and only in history: it no longer fails. */
export function isRetired(credential: Credential, now: Date): boolean {
  const mark = credential.baseline;
  return mark !== undefined && !credential.inHead && Date.parse(mark.date) <= now.getTime();
}

/**
 * A baseline accepting every leaked credential found; entries of `previous` are kept as they
 * are (with their reasons and statuses), so re-creating never un-accepts anything.
 */
export function createBaseline(
  credentials: readonly Credential[],
  previous: Baseline | undefined,
  meta: { readonly createdAt: string; readonly tool: string },
): { baseline: Baseline; added: number } {
  const entries: BaselineEntry[] = [...(previous?.entries ?? [])];
  const known = new Set(entries.map((e) => e.credentialId));
  let added = 0;
  for (const credential of credentials) {
    if (credential.kind === "managed-reference" || known.has(credential.credentialId)) continue;
    known.add(credential.credentialId);
    added++;
    entries.push({
      credentialId: credential.credentialId,
      preview: credential.preview,
      ruleIds: credential.ruleIds,
      reason: CREATED_REASON,
      seenAt: credential.locations.slice(0, 5).map((l) => `${l.repository === undefined ? "" : `${l.repository}:`}${l.path}:${l.line}`),
    });
  }
  return { baseline: { version: 1, createdAt: previous?.createdAt ?? meta.createdAt, tool: meta.tool, entries }, added };
}
