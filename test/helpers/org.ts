import { writeFileSync } from "node:fs";
import path from "node:path";
import { execa } from "execa";
import type { StoredCredential } from "../../src/model/store.js";
import { runCli, tempDir } from "./cli.js";
import { fakeSecrets } from "./fake-secrets.js";
import { createRepo } from "./git-repo.js";

// A small generated organisation for the store tests: real git repositories with planted
// credentials, some in one repository, some shared, split into shards by repos files.
const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const BIN = path.join(ROOT, "bin", "nhiscan.js");

/** Runs the real CLI in a child process (npm test builds dist first). */
export const nhiscan = (args: readonly string[], env: Record<string, string> = {}) =>
  execa(process.execPath, [BIN, ...args], { reject: false, env: { NO_COLOR: "1", ...env } });

export interface Org {
  /** One repos file per shard. */
  readonly shards: readonly string[];
  /** Distinct planted credentials. */
  readonly distinct: number;
  /** Planted occurrences (one location each). */
  readonly occurrences: number;
  /** For each shard, the distinct credentials its repositories hold. */
  readonly perShard: readonly number[];
}

/**
 * `shards` × `perShard` repositories. Each holds one credential of its own; one Stripe key is in
 * every repository, and an npm token is shared by the two repositories of each shard pair.
 */
export async function makeOrg(seed: number, shards: number, perShard: number): Promise<Org> {
  const f = fakeSecrets(seed);
  const everywhere = f.stripeLiveKey();
  const pairTokens = Array.from({ length: Math.ceil(shards / 2) }, () => f.npmToken());
  const repos: string[][] = [];
  let occurrences = 0;
  for (let s = 0; s < shards; s += 1) {
    const dirs: string[] = [];
    for (let r = 0; r < perShard; r += 1) {
      const repo = await createRepo();
      const files: Record<string, string> = { "config/app.env": `GITHUB_TOKEN=${f.githubClassicPat()}\nSTRIPE_KEY=${everywhere}\n` };
      occurrences += 2;
      if (r === 0) {
        files["deploy/.npmrc"] = `//registry.npmjs.org/:_authToken=${pairTokens[Math.floor(s / 2)] ?? ""}\n`;
        occurrences += 1;
      }
      repo.write(files);
      await repo.commit("configure", { name: `Dev ${s}`, email: `dev${s}@example.com`, date: "2025-02-01T00:00:00Z" });
      dirs.push(repo.dir);
    }
    repos.push(dirs);
  }
  const dir = tempDir("nhiscan-org-");
  const files = repos.map((dirs, s) => {
    const file = path.join(dir, `shard-${s}.txt`);
    writeFileSync(file, `${dirs.join("\n")}\n`);
    return file;
  });
  return {
    shards: files,
    distinct: shards * perShard + 1 + pairTokens.length,
    occurrences,
    perShard: repos.map((dirs) => dirs.length + 2),
  };
}

/** Scans every shard at once, each a CLI process writing `storeOf(shard)`; all must record. */
export async function scanShards(org: Org, storeOf: (shard: number) => string): Promise<void> {
  const runs = await Promise.all(
    org.shards.map((file, s) => nhiscan(["scan", "--repos-file", file, "--store", storeOf(s), "--format", "json", "--workers", "0"])),
  );
  for (const run of runs) {
    if (run.exitCode !== 1 || !/recorded scan/.test(String(run.stderr))) throw new Error(`shard scan failed (exit ${run.exitCode}): ${String(run.stderr)}`);
  }
}

/** `inventory list --format json` of a store (in-process: a read needs no process of its own). */
export async function listStore(store: string): Promise<StoredCredential[]> {
  const result = await runCli(["inventory", "list", "--store", store, "--format", "json"]);
  if (result.exitCode !== 0) throw new Error(`inventory list failed: ${String(result.stderr)}`);
  return (JSON.parse(String(result.stdout)) as { credentials: StoredCredential[] }).credentials;
}

/**
 * A listing without what differs between two runs of the same scans: times, scan ids and, with
 * `ownerHint`, the owner hint (the hint of the latest scan, so of whichever shard ran last).
 */
export function withoutRunTimes(credentials: readonly StoredCredential[], options: { ownerHint?: boolean } = {}): unknown[] {
  return credentials.map(({ firstSeenAt: _f, lastSeenAt: _l, remediatedAt: _r, events, owner, ...rest }) => ({
    ...(options.ownerHint === true && !rest.ownerAssigned ? {} : { owner }),
    ...rest,
    events: events.map(({ at: _at, scanId: _id, ...event }) => event),
  }));
}
