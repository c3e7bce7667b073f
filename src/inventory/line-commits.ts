import { readFileSync } from "node:fs";
import pLimit from "p-limit";
import type { Finding } from "../model/finding.js";
import type { CommitInfo } from "../model/fragment.js";
import { gitText } from "../sources/git-exec.js";
import { blameLines } from "./git-authors.js";
import type { BlamedLine } from "./git-authors.js";
import { joinPath } from "../util/path.js";
import { traceIntroduction, valueMatcher } from "./line-history.js";

/** Git processes run at once. */
const CONCURRENCY = 4;
/**
 * Findings whose line changed after the file was created are followed back with one
 * `git log -L` each; past this many, the blamed commit stands in for the introducing one.
 */
export const MAX_TRACED_LINES = 200;

/** Paths (relative to the work tree root) of the files in HEAD; empty before the first commit. */
async function trackedPaths(top: string): Promise<Set<string>> {
  const listing = await gitText(top, ["ls-tree", "-r", "-z", "--name-only", "--full-tree", "HEAD"]).catch(() => "");
  return new Set(listing.split("\0").filter((p) => p !== ""));
}

/** The commits of a working-tree finding's line. */
export interface LineCommits {
  readonly lastChange: CommitInfo;
  readonly introduced: CommitInfo;
}

/** A working-tree finding and its path relative to the work tree root. */
export interface TreeLocation {
  readonly finding: Finding;
  readonly repoPath: string;
}

/**
 * For each committed working-tree location: the commit that last changed its line (one blame
 * per file, every finding line as a range) and the commit that introduced the value there.
 */
export async function lineCommits(
  top: string,
  locations: readonly TreeLocation[],
  fingerprintKey: string | undefined,
  ageHorizon?: Date,
): Promise<Map<Finding, LineCommits>> {
  // Only files HEAD tracks have commits: one listing avoids a failing blame per ignored or new file.
  const tracked = await trackedPaths(top);
  const byPath = new Map<string, TreeLocation[]>();
  for (const location of locations) {
    if (tracked.has(location.repoPath)) byPath.set(location.repoPath, [...(byPath.get(location.repoPath) ?? []), location]);
  }
  const limit = pLimit(CONCURRENCY);
  const blamed = await Promise.all(
    [...byPath].map(([path, list]) =>
      limit(async () => {
        const current = workingLines(joinPath(top, path));
        const blamed = await blameLines(
          top,
          path,
          list.map((l) => l.finding.line),
        );
        // A line that differs from HEAD's is not committed as it stands: it has no commit yet.
        const lines = new Map(blamed.filter((b) => sameLine(b.text, current[b.line - 1])).map((b) => [b.line, b]));
        return list.map((l) => ({ finding: l.finding, blame: lines.get(l.finding.line) }));
      }),
    ),
  );
  const result = new Map<Finding, LineCommits>();
  let traces = 0;
  const pending: Promise<void>[] = [];
  for (const { finding, blame } of blamed.flat()) {
    const commit = blame?.commit;
    if (blame === undefined || commit === undefined) continue;
    // A commit that created the file created the line, and the value on it. A last change older
    // than the age horizon already fails rotation-age: tracing further back (`git log -L` walks
    // the whole history, ~1.5 s a line on a large repository) could not change the verdict.
    const pastHorizon = ageHorizon !== undefined && Date.parse(commit.date) < ageHorizon.getTime();
    if (!blame.hasParent || pastHorizon || traces >= MAX_TRACED_LINES) {
      result.set(finding, { lastChange: commit, introduced: commit });
      continue;
    }
    traces++;
    pending.push(
      limit(async () => result.set(finding, { lastChange: commit, introduced: await introducedAt(top, finding, blame, commit, fingerprintKey) })).then(
        () => undefined,
      ),
    );
  }
  await Promise.all(pending);
  return result;
}

async function introducedAt(top: string, finding: Finding, blame: BlamedLine, commit: CommitInfo, key: string | undefined): Promise<CommitInfo> {
  const holdsValue = valueMatcher(blame.text, finding.column, finding.credentialId, key);
  if (holdsValue === undefined) return commit;
  const traced = await traceIntroduction(top, { sha: commit.sha, path: blame.origPath, line: blame.origLine }, holdsValue);
  return traced ?? commit;
}

/** The working tree file's lines (empty when unreadable). */
function workingLines(file: string): string[] {
  try {
    return readFileSync(file, "utf8").split("\n");
  } catch {
    return [];
  }
}

function sameLine(committed: string, current: string | undefined): boolean {
  return current !== undefined && committed.replace(/\r$/, "") === current.replace(/\r$/, "");
}
