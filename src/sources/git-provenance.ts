import type { Finding } from "../model/finding.js";
import type { CommitInfo, Provenance } from "../model/fragment.js";
import { shortHash } from "../util/hash.js";
import { gitText } from "./git-exec.js";
import { readRawLog } from "./git-log-raw.js";
import type { LogCommit } from "./git-log-raw.js";
import type { GitRepo } from "./git-repo.js";

/** Where one blob lived at one path: who introduced it, when it left, whether HEAD has it. */
interface PathHistory {
  readonly introduced: CommitInfo;
  readonly removedIn?: CommitInfo;
  /** The commit before the removal: the last one that had the blob at this path. */
  readonly lastSeenSha?: string;
}

type GitProvenance = Extract<Provenance, { kind: "git" }>;

const FIELD = "\u001f";

/**
 * Attaches commits to findings in git blobs, from one streamed `git log --raw` over everything
 * the history scan covered, tracking only the blobs that have findings. A blob found at several
 * paths yields one finding per path. `dropPath` removes copies at paths the caller excludes.
 */
export async function attachGitProvenance(
  repo: GitRepo,
  findings: readonly Finding[],
  options: { dropPath?: (path: string) => boolean } = {},
): Promise<Finding[]> {
  const blobs = new Set(findings.flatMap((f) => (f.provenance.kind === "git" ? [f.provenance.blob] : [])));
  if (blobs.size === 0) return [...findings];
  const [histories, head] = await Promise.all([walkHistory(repo, blobs), headEntries(repo.cwd, blobs)]);
  const out: Finding[] = [];
  for (const finding of findings) {
    const provenance = finding.provenance;
    const paths = provenance.kind === "git" ? histories.paths.get(provenance.blob) : undefined;
    if (provenance.kind !== "git" || paths === undefined) {
      out.push(finding);
      continue;
    }
    for (const [path, history] of [...paths].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (options.dropPath?.(path) === true) continue;
      const inHead = head.entries.has(`${provenance.blob}\u0000${path}`);
      out.push({
        ...finding,
        path,
        matchId: shortHash(`${finding.matchId}\u0000${path}`),
        provenance: gitProvenance(provenance.blob, history, inHead ? head.commit : undefined, histories.commits),
      });
    }
  }
  return out;
}

function gitProvenance(blob: string, history: PathHistory, head: CommitInfo | undefined, commits: Map<string, CommitInfo>): GitProvenance {
  if (head !== undefined) return { kind: "git", blob, introduced: history.introduced, lastSeen: head, inHead: true };
  const lastSeen = history.lastSeenSha === undefined ? undefined : commits.get(history.lastSeenSha);
  return {
    kind: "git",
    blob,
    introduced: history.introduced,
    ...(lastSeen === undefined ? {} : { lastSeen }),
    ...(history.removedIn === undefined ? {} : { removedIn: history.removedIn }),
    inHead: false,
  };
}

/** Per blob and path: the oldest introducing commit and the newest removing one. */
async function walkHistory(repo: GitRepo, blobs: ReadonlySet<string>) {
  const paths = new Map<string, Map<string, PathHistory>>();
  const removals = new Map<string, { commit: CommitInfo; parent: string }>();
  // Commits whose info a `lastSeen` needs; `--date-order` lists a parent after all its children.
  const wanted = new Set<string>();
  const commits = new Map<string, CommitInfo>();
  for await (const commit of readRawLog(repo.cwd, repo.allRevs)) {
    if (wanted.has(commit.sha)) commits.set(commit.sha, infoOf(commit));
    for (const entry of commit.entries) {
      if (entry.isBlob && blobs.has(entry.blob)) {
        const byPath = paths.get(entry.blob) ?? new Map<string, PathHistory>();
        paths.set(entry.blob, byPath);
        // Newest first: the last introduction seen is the oldest.
        byPath.set(entry.path, { introduced: infoOf(commit) });
      }
      entry.parentBlobs.forEach((parentBlob, i) => {
        const key = `${parentBlob}\u0000${entry.path}`;
        const parent = commit.parents[i];
        if (parentBlob === entry.blob || !blobs.has(parentBlob) || removals.has(key) || parent === undefined) return;
        // Newest first: the first removal seen is the latest.
        removals.set(key, { commit: infoOf(commit), parent });
        wanted.add(parent);
      });
    }
  }
  for (const [blob, byPath] of paths) {
    for (const [path, history] of byPath) {
      const removal = removals.get(`${blob}\u0000${path}`);
      if (removal !== undefined) byPath.set(path, { ...history, removedIn: removal.commit, lastSeenSha: removal.parent });
    }
  }
  return { paths, commits };
}

function infoOf(commit: LogCommit): CommitInfo {
  return { sha: commit.sha, author: commit.author, email: commit.email, date: commit.date };
}

/** The HEAD commit and which of `blobs` it holds at which paths (`<blob>\0<path>`). */
async function headEntries(cwd: string, blobs: ReadonlySet<string>): Promise<{ commit?: CommitInfo; entries: Set<string> }> {
  const entries = new Set<string>();
  const line = await gitText(cwd, ["log", "-1", "--no-show-signature", `--format=%H${FIELD}%an${FIELD}%ae${FIELD}%aI`, "HEAD", "--"]).catch(
    () => "",
  );
  const [sha = "", author = "", email = "", date = ""] = line.trim().split(FIELD);
  if (sha === "") return { entries };
  const tree = await gitText(cwd, ["ls-tree", "-r", "-z", "--full-tree", sha]);
  for (const record of tree.split("\u0000")) {
    const tab = record.indexOf("\t");
    const blob = record.slice(0, tab).split(" ")[2] ?? "";
    if (tab !== -1 && blobs.has(blob)) entries.add(`${blob}\u0000${record.slice(tab + 1)}`);
  }
  return { commit: { sha, author, email, date }, entries };
}
