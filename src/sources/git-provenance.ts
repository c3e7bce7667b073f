import type { Finding } from "../model/finding.js";
import type { CommitInfo, Provenance } from "../model/fragment.js";
import type { ProvenanceRecord } from "../model/history-state.js";
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
  readonly lastSeen?: CommitInfo;
}

/** Options of `attachGitProvenance`. */
export interface ProvenanceOptions {
  /** Removes copies of a finding at paths the caller excludes. */
  readonly dropPath?: (path: string) => boolean;
  /**
   * Incremental history: walk only these revisions (the new commits, `TIP… ^OLD…`) and take
   * the rest from `prior`, what the walk of the earlier commits found.
   */
  readonly revs?: readonly string[];
  readonly prior?: readonly ProvenanceRecord[];
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
  options: ProvenanceOptions = {},
): Promise<{ findings: Finding[]; provenance: ProvenanceRecord[] }> {
  const blobs = new Set(findings.flatMap((f) => (f.provenance.kind === "git" ? [f.provenance.blob] : [])));
  if (blobs.size === 0) return { findings: [...findings], provenance: [] };
  const [walk, head] = await Promise.all([walkHistory(repo, blobs, options.revs ?? repo.allRevs), headEntries(repo.cwd, blobs)]);
  const histories = combine(walk, options.prior ?? [], blobs);
  await resolveLastSeen(repo.cwd, histories);
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
  return { findings: out, provenance: provenanceRecords(histories) };
}

function gitProvenance(blob: string, history: PathHistory, head: CommitInfo | undefined, commits: Map<string, CommitInfo>): GitProvenance {
  if (head !== undefined) return { kind: "git", blob, introduced: history.introduced, lastSeen: head, inHead: true };
  const lastSeen = history.lastSeen ?? (history.lastSeenSha === undefined ? undefined : commits.get(history.lastSeenSha));
  return {
    kind: "git",
    blob,
    introduced: history.introduced,
    ...(lastSeen === undefined ? {} : { lastSeen }),
    ...(history.removedIn === undefined ? {} : { removedIn: history.removedIn }),
    inHead: false,
  };
}

interface Histories {
  readonly paths: Map<string, Map<string, PathHistory>>;
  readonly commits: Map<string, CommitInfo>;
}

/** What a walk saw: introductions per blob and path, the newest removal per `blob\0path`, commit infos. */
interface Walk {
  readonly introductions: Map<string, Map<string, CommitInfo>>;
  readonly removals: Map<string, { commit: CommitInfo; parent: string }>;
  readonly commits: Map<string, CommitInfo>;
}

/**
 * Per blob and path: the oldest introduction and the newest removal. With `prior` (what the
 * walk of earlier commits found), the walk covered only newer commits: the earlier
 * introduction is the older one, a removal the walk saw is the newer one.
 */
function combine(walk: Walk, prior: readonly ProvenanceRecord[], blobs: ReadonlySet<string>): Histories {
  const paths = new Map<string, Map<string, PathHistory>>();
  const byPathOf = (blob: string) => {
    const byPath = paths.get(blob) ?? new Map<string, PathHistory>();
    paths.set(blob, byPath);
    return byPath;
  };
  for (const record of prior) {
    if (!blobs.has(record.blob)) continue;
    const { blob: _blob, path, ...history } = record;
    byPathOf(record.blob).set(path, history);
  }
  for (const [blob, byPath] of walk.introductions) {
    for (const [path, introduced] of byPath) if (!byPathOf(blob).has(path)) byPathOf(blob).set(path, { introduced });
  }
  for (const [blob, byPath] of paths) {
    for (const [path, history] of byPath) {
      const removal = walk.removals.get(`${blob}\u0000${path}`);
      if (removal !== undefined) byPath.set(path, { introduced: history.introduced, removedIn: removal.commit, lastSeenSha: removal.parent });
    }
  }
  return { paths, commits: walk.commits };
}

/** Commit infos of removals whose parent the walk did not list (an earlier commit, outside the new ones). */
async function resolveLastSeen(cwd: string, histories: Histories): Promise<void> {
  const missing = new Set<string>();
  for (const byPath of histories.paths.values()) {
    for (const h of byPath.values()) if (h.lastSeenSha !== undefined && !histories.commits.has(h.lastSeenSha)) missing.add(h.lastSeenSha);
  }
  if (missing.size === 0) return;
  const out = await gitText(cwd, ["log", "--no-walk=unsorted", "--no-show-signature", `--format=%H${FIELD}%an${FIELD}%ae${FIELD}%aI`, ...missing, "--"]);
  for (const line of out.split("\n")) {
    const [sha = "", author = "", email = "", date = ""] = line.split(FIELD);
    if (sha !== "") histories.commits.set(sha, { sha, author, email, date });
  }
}

/** The histories as records the next incremental scan starts from. */
function provenanceRecords(histories: Histories): ProvenanceRecord[] {
  return [...histories.paths].flatMap(([blob, byPath]) =>
    [...byPath].map(([path, h]) => {
      const lastSeen = h.lastSeen ?? (h.lastSeenSha === undefined ? undefined : histories.commits.get(h.lastSeenSha));
      return {
        blob,
        path,
        introduced: h.introduced,
        ...(h.removedIn === undefined ? {} : { removedIn: h.removedIn }),
        ...(lastSeen === undefined ? {} : { lastSeen }),
      };
    }),
  );
}

/** Walks `revs` newest first, noting where the blobs were introduced and removed. */
async function walkHistory(repo: GitRepo, blobs: ReadonlySet<string>, revs: readonly string[]): Promise<Walk> {
  const introductions = new Map<string, Map<string, CommitInfo>>();
  const removals = new Map<string, { commit: CommitInfo; parent: string }>();
  // Commits whose info a `lastSeen` needs; `--date-order` lists a parent after all its children.
  const wanted = new Set<string>();
  const commits = new Map<string, CommitInfo>();
  for await (const commit of readRawLog(repo.cwd, revs)) {
    if (wanted.has(commit.sha)) commits.set(commit.sha, infoOf(commit));
    for (const entry of commit.entries) {
      if (entry.isBlob && blobs.has(entry.blob)) {
        const byPath = introductions.get(entry.blob) ?? new Map<string, CommitInfo>();
        introductions.set(entry.blob, byPath);
        // Newest first: the last introduction seen is the oldest.
        byPath.set(entry.path, infoOf(commit));
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
  return { introductions, removals, commits };
}

function infoOf(commit: LogCommit): CommitInfo {
  return { sha: commit.sha, author: commit.author, email: commit.email, date: commit.date };
}

/** The HEAD commit and which of `blobs` it holds at which paths (`<blob>\0<path>`). */
async function headEntries(cwd: string, blobs: ReadonlySet<string>): Promise<{ commit?: CommitInfo; entries: Set<string> }> {
  const entries = new Set<string>();
  const line = await gitText(cwd, ["log", "-1", "--no-show-signature", `--format=%H${FIELD}%an${FIELD}%ae${FIELD}%aI`, "HEAD", "--"]).catch(() => "");
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
