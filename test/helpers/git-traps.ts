// Traps for hostile-repository tests: programs a repository's config can make git run, each
// leaving a mark when it runs, so a test can prove that nhiscan's git calls run none of them.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "./cli.js";

export interface GitTraps {
  /** Every trap touches a file named after itself here. */
  readonly marks: string;
  /** Where the trap programs are. */
  readonly bin: string;
  /** A new trap program named `name`; returns its path. */
  trap(name: string): string;
}

/** `passThrough` traps copy stdin to stdout, as a filter must for git to go on. */
export function gitTraps(options: { passThrough?: boolean } = {}): GitTraps {
  const marks = tempDir("nhiscan-marks-");
  const bin = tempDir("nhiscan-traps-");
  const trap = (name: string) => {
    const file = path.join(bin, name);
    writeFileSync(file, `#!/bin/sh\ntouch '${path.join(marks, name)}'\n${options.passThrough === true ? "cat" : "exit 0"}\n`, { mode: 0o755 });
    return file;
  };
  return { marks, bin, trap };
}

/**
 * Config naming a trap at every program a diff or a file read may run: fsmonitor, external diff,
 * the `evil` diff driver and textconv, the `evil` clean/smudge filter, the pager. The repository's
 * attributes route every path through the `evil` drivers.
 */
export function driverTraps(repoDir: string, { trap }: GitTraps): [string, string][] {
  writeFileSync(path.join(repoDir, ".git", "info", "attributes"), "* diff=evil filter=evil\n");
  return [
    ["core.fsmonitor", trap("fsmonitor")],
    ["diff.external", trap("diff-external")],
    ["diff.evil.command", trap("diff-driver")],
    ["diff.evil.textconv", trap("textconv")],
    ["filter.evil.clean", trap("filter-clean")],
    ["filter.evil.smudge", trap("filter-smudge")],
    ["core.pager", trap("pager")],
  ];
}
