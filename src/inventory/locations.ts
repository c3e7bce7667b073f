import { readFileSync } from "node:fs";
import type { Finding } from "../model/finding.js";
import type { CommitInfo } from "../model/fragment.js";
import type { Environment, OwnerHint } from "../model/inventory.js";
import type { ScanWarning } from "../model/report.js";
import { gitText } from "../sources/git-exec.js";
import { joinPath } from "../util/path.js";
import { ciEnvironments } from "./ci-environment.js";
import { codeownersHints, findCodeowners } from "./codeowners.js";
import type { Codeowners } from "./codeowners.js";
import { environmentOf, isCiDefinition } from "../paths/classify.js";
import { authorActivity } from "./git-authors.js";
import { lineCommits } from "./line-commits.js";
import { configOwners } from "./owners.js";

/** A folder findings' paths are relative to: one per scanned repository. */
export interface InventoryRoot {
  /** The repository label of its findings (undefined when the scan covers one repository). */
  readonly repository: string | undefined;
  /** Absolute folder the paths are relative to. */
  readonly displayRoot: string;
  /** Paths are already relative to the git work tree root (history, range and staged scans). */
  readonly repoRelative: boolean;
}

export interface LocationOptions {
  /** Config `owners:` fallback (glob → team), used where CODEOWNERS owns nothing. */
  readonly owners: Readonly<Record<string, string>>;
  readonly configFile: string | undefined;
  /** The key credential ids were made with, to recognise values in a line's history. */
  readonly fingerprintKey: string | undefined;
  /** Start of the activity window (now − activeAuthorDays): older commits are not read. */
  readonly activeSince?: Date;
  /** Now − maxAgeDays: a line last changed before it is not traced further back. */
  readonly ageHorizon?: Date;
}

/** Facts about each location that the inventory groups into credentials. */
export interface LocationFacts {
  ownersOf(location: Finding): readonly OwnerHint[];
  environmentsOf(location: Finding): readonly Environment[];
}

export interface DescribedLocations extends LocationFacts {
  /** The findings, working-tree ones with the commits of their lines. */
  readonly findings: Finding[];
  /** CODEOWNERS problems, for the report. */
  readonly warnings: ScanWarning[];
}

/**
 * Owners, commits and environments of every location: CODEOWNERS (parsed once per repository),
 * config fallbacks, git blame of working-tree lines, the authors' latest activity, and CI
 * environment names. Every git call is batched per file or per repository.
 */
export async function describeLocations(findings: readonly Finding[], roots: readonly InventoryRoot[], options: LocationOptions): Promise<DescribedLocations> {
  const owners = new Map<Finding, OwnerHint[]>();
  const environments = new Map<Finding, Environment[]>();
  const out: Finding[] = [];
  const warnings: ScanWarning[] = [];
  const fallback = configOwners(options.owners, options.configFile);
  for (const root of roots) {
    const mine = findings.filter((f) => f.repository === root.repository);
    if (mine.length === 0) continue;
    const described = await describeRoot(mine, root, options);
    warnings.push(...described.warnings);
    for (const finding of described.findings) {
      const fromCodeowners = described.codeowners === undefined ? [] : codeownersHints(described.codeowners, described.repoPath(finding));
      owners.set(finding, [...(fromCodeowners.length > 0 ? fromCodeowners : fallback(finding.path)), ...authorHints(finding, described.activity)]);
      environments.set(finding, environmentsAt(finding, root, described.ciFiles));
      out.push(finding);
    }
  }
  // Findings no root claims (should not happen) keep path-based facts.
  for (const finding of findings.filter((f) => !roots.some((r) => r.repository === f.repository))) out.push(finding);
  return {
    findings: out,
    warnings,
    ownersOf: (f) => owners.get(f) ?? fallback(f.path),
    environmentsOf: (f) => environments.get(f) ?? pathEnvironment(f.path),
  };
}

interface DescribedRoot {
  readonly findings: Finding[];
  readonly codeowners: Codeowners | undefined;
  readonly warnings: ScanWarning[];
  readonly activity: ReadonlyMap<string, string>;
  readonly repoPath: (finding: Finding) => string;
  readonly ciFiles: Map<string, ((line: number) => Environment[]) | undefined>;
}

async function describeRoot(findings: Finding[], root: InventoryRoot, options: LocationOptions): Promise<DescribedRoot> {
  const tree = await workTree(root.displayRoot);
  const prefix = root.repoRelative ? "" : (tree?.prefix ?? "");
  const repoPath = (finding: Finding) => `${prefix}${finding.path}`;
  const { codeowners, warnings } = findCodeowners(tree?.top ?? root.displayRoot);
  let described = findings;
  if (tree !== undefined) {
    const local = findings.filter((f) => f.provenance.kind === "file").map((finding) => ({ finding, repoPath: repoPath(finding) }));
    const commits = await lineCommits(tree.top, local, options.fingerprintKey, options.ageHorizon);
    described = findings.map((f) => {
      const lines = commits.get(f);
      return lines === undefined ? f : { ...f, provenance: { kind: "file" as const, lastChange: lines.lastChange, introduced: lines.introduced } };
    });
  }
  const known = described.flatMap(commitsOf);
  const emails = new Set(known.map((c) => c.email.toLowerCase()));
  const activity = tree === undefined ? new Map<string, string>() : await authorActivity(tree.top, emails, options.activeSince);
  // Outside the window, an author's latest commit we already know is a lower bound of their activity.
  for (const commit of known) {
    const email = commit.email.toLowerCase();
    const seen = activity.get(email);
    if (tree !== undefined && (seen === undefined || Date.parse(seen) < Date.parse(commit.date)) && !isWithin(seen, options.activeSince)) {
      activity.set(email, commit.date);
    }
  }
  return {
    findings: described,
    codeowners,
    activity,
    repoPath,
    ciFiles: new Map(),
    warnings: warnings.map((w) => ({
      path: w.file,
      reason: "codeowners" as const,
      detail: w.line === 0 ? w.message : `line ${w.line}: ${w.message}`,
      ...(root.repository === undefined ? {} : { repository: root.repository }),
    })),
  };
}

/** Whether a date lies inside the activity window (any date does when there is no window). */
function isWithin(date: string | undefined, since: Date | undefined): boolean {
  return date !== undefined && (since === undefined || Date.parse(date) >= since.getTime());
}

/** The git work tree holding `folder` and the folder's path in it (`sub/dir/`), if it is in one. */
async function workTree(folder: string): Promise<{ top: string; prefix: string } | undefined> {
  try {
    const [top = "", prefix = ""] = (await gitText(folder, ["rev-parse", "--show-toplevel", "--show-prefix"])).split("\n");
    return top === "" ? undefined : { top, prefix };
  } catch {
    // Not a repository, a bare one, or no git at all: no commits to attach.
    return undefined;
  }
}

/** The introducing commit first, then the last change of the line. */
function commitsOf(finding: Finding): CommitInfo[] {
  const p = finding.provenance;
  if (p.kind === "git") return p.introduced === undefined ? [] : [p.introduced];
  if (p.kind === "file") return [p.introduced, p.lastChange].filter((c) => c !== undefined);
  return [];
}

/** Who introduced the value (medium confidence) and who last changed its line (low). */
function authorHints(finding: Finding, activity: ReadonlyMap<string, string>): OwnerHint[] {
  const [introduced, lastChange] = commitsOf(finding);
  const hint = (commit: CommitInfo, role: string, confidence: OwnerHint["confidence"]): OwnerHint => {
    const lastActive = activity.get(commit.email.toLowerCase());
    return {
      source: "git-author",
      value: `${commit.author} <${commit.email}>`,
      confidence,
      evidence: `${role} in ${commit.sha.slice(0, 8)} on ${commit.date.slice(0, 10)}`,
      ...(lastActive === undefined ? {} : { lastActive }),
    };
  };
  const hints = introduced === undefined ? [] : [hint(introduced, "introduced the value", "medium")];
  if (lastChange !== undefined && lastChange.sha !== introduced?.sha) hints.push(hint(lastChange, "last changed the line", "low"));
  return hints;
}

function environmentsAt(finding: Finding, root: InventoryRoot, ciFiles: Map<string, ((line: number) => Environment[]) | undefined>): Environment[] {
  const found = new Set(pathEnvironment(finding.path));
  if (finding.provenance.kind === "file" && isCiDefinition(finding.path)) {
    if (!ciFiles.has(finding.path)) ciFiles.set(finding.path, readCiEnvironments(joinPath(root.displayRoot, finding.path)));
    for (const env of ciFiles.get(finding.path)?.(finding.line) ?? []) found.add(env);
  }
  return [...found].sort();
}

function readCiEnvironments(file: string): ((line: number) => Environment[]) | undefined {
  try {
    return ciEnvironments(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function pathEnvironment(path: string): Environment[] {
  const env = environmentOf(path);
  return env === undefined ? [] : [env];
}
