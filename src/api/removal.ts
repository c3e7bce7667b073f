import type { CommitInfo } from "../model/fragment.js";
import { createEventScanner } from "../scan/event-scanner.js";
import type { ScanSettings } from "../scan/event-scanner.js";
import { emptyTally } from "../scan/tally.js";
import { catBlobs } from "../sources/git-cat-file.js";
import { DIFF_SAFETY, gitText } from "../sources/git-exec.js";
import { joinPosix, toRelative } from "../util/path.js";

/** How many commits of a path's history the walk reads at most: bounded, whatever the repository. */
export const REMOVAL_WALK_LIMIT = 64;

const NULL_OID = /^0+$/;

/** Finds which credential ids a text holds, with the scan's own detectors, filters and fingerprint key. */
export type CredentialIdsOf = (text: string, path: string) => ReadonlySet<string>;

/** A detector pass over one text, yielding credential ids: how the walk matches a value without ever holding it in argv. */
export function credentialIdDetector(settings: ScanSettings): CredentialIdsOf {
  const scanEvent = createEventScanner({ ...settings, showSecrets: false });
  return (text, path) => {
    const tally = emptyTally();
    scanEvent({ type: "fragment", fragment: { text, path, provenance: { kind: "file" } }, bytes: text.length }, tally);
    return new Set(tally.findings.map((f) => f.credentialId));
  };
}

/**
 * The commit that removed credential `credentialId` from `path` (relative to `root`, a folder in
 * a git work tree): a walk of at most REMOVAL_WALK_LIMIT commits that touched the path, newest
 * first, reading each version's blob; the removing commit is the one after the newest version
 * that still holds the value. Undefined outside git, when HEAD still holds it (an uncommitted
 * removal), or when the walk ends first.
 */
export async function findRemovingCommit(root: string, path: string, credentialId: string, idsOf: CredentialIdsOf): Promise<CommitInfo | undefined> {
  const top = await gitText(root, ["rev-parse", "--show-toplevel"]).then(
    (t) => t.trim(),
    () => undefined,
  );
  if (top === undefined || top === "") return undefined;
  const prefix = toRelative(top, root);
  const repoPath = prefix === "" || prefix === "." ? path : joinPosix(prefix, path);
  const log = await gitText(top, [
    "log",
    ...DIFF_SAFETY,
    "--no-renames",
    "--raw",
    "--no-abbrev",
    `--max-count=${REMOVAL_WALK_LIMIT}`,
    "--format=%x01%H%x00%an%x00%ae%x00%aI",
    "HEAD",
    "--",
    repoPath,
  ]).catch(() => "");
  const versions = parseLog(log);
  const wanted = versions.filter((v) => v.blob !== undefined).map((v) => ({ oid: v.blob as string, path: repoPath }));
  const holds = new Map<string, boolean>();
  for await (const result of catBlobs(top, wanted)) {
    if (result.kind === "content") holds.set(result.ref.oid, idsOf(result.content.toString("utf8"), path).has(credentialId));
  }
  // Newest first: the first version holding the value was followed by the removing commit.
  for (let i = 0; i < versions.length; i += 1) {
    const version = versions[i];
    if (version?.blob !== undefined && holds.get(version.blob) === true) return i === 0 ? undefined : versions[i - 1]?.commit;
  }
  return undefined;
}

/** Commits of `git log --raw` with the path's blob after each (undefined when the commit deleted it). */
function parseLog(log: string): { commit: CommitInfo; blob: string | undefined }[] {
  return log
    .split("\x01")
    .filter((record) => record.trim() !== "")
    .flatMap((record) => {
      const [header = "", ...rest] = record.split("\n");
      const [sha = "", author = "", email = "", date = ""] = header.split("\0");
      const raw = rest.find((line) => line.startsWith(":"));
      const newOid = raw?.split(" ")[3];
      if (sha === "") return [];
      return [{ commit: { sha, author, email, date }, blob: newOid === undefined || NULL_OID.test(newOid) ? undefined : newOid }];
    });
}
