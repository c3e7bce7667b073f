import { gitText } from "./git-exec.js";

/** The files git tracks below a folder, and the folders that hold them, relative to that folder. */
export interface TrackedFiles {
  readonly files: ReadonlySet<string>;
  readonly dirs: ReadonlySet<string>;
}

/**
 * What `git ls-files` lists below `dir` (paths relative to it): a repository's content, which
 * `.gitignore` cannot hide. Undefined when `dir` is not in a git work tree, or git cannot say.
 */
export async function trackedFiles(dir: string): Promise<TrackedFiles | undefined> {
  let listing: string;
  try {
    listing = await gitText(dir, ["ls-files", "-z", "--cached"]);
  } catch {
    return undefined;
  }
  const files = new Set<string>();
  const dirs = new Set<string>();
  for (const path of listing.split("\0")) {
    if (path === "") continue;
    files.add(path);
    for (let slash = path.lastIndexOf("/"); slash > 0; slash = path.lastIndexOf("/", slash - 1)) {
      const parent = path.slice(0, slash);
      if (dirs.has(parent)) break;
      dirs.add(parent);
    }
  }
  return { files, dirs };
}
