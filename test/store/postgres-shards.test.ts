import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { tempDir } from "../helpers/cli.js";
import { listStore, makeOrg, nhiscan, scanShards, withoutRunTimes } from "../helpers/org.js";
import type { Org } from "../helpers/org.js";
import { freshDatabase, tableCounts, withClient } from "../helpers/postgres.js";

// Eight shard processes (real CLI processes) write one PostgreSQL store at once; separately the
// same eight shards each write their own SQLite file, which `store import` joins. Both stores
// must hold exactly the planted credentials with the same sharing.
const SHARDS = 8;
let org: Org;
let pgStore: string;
let joinedSqlite: string;
let single: string;

beforeAll(async () => {
  org = await makeOrg(2020, SHARDS, 2);
  pgStore = await freshDatabase();
  const dir = tempDir("nhiscan-shards-");
  const files = org.shards.map((_, s) => path.join(dir, `shard-${s}.db`));
  // The reference: one process scanning every repository into one store.
  single = path.join(dir, "single.db");
  const all = path.join(dir, "all.txt");
  writeFileSync(all, org.shards.map((file) => readFileSync(file, "utf8")).join(""));
  const [reference] = await Promise.all([
    nhiscan(["scan", "--repos-file", all, "--store", single, "--quiet", "--workers", "0"]),
    scanShards(org, () => pgStore),
    scanShards(org, (s) => files[s] ?? ""),
  ]);
  expect(reference.exitCode, String(reference.stderr)).toBe(1);
  joinedSqlite = path.join(dir, "joined.db");
  const joined = await nhiscan(["store", "import", ...files, "--store", joinedSqlite]);
  expect(joined.exitCode, String(joined.stderr)).toBe(0);
}, 180_000);

describe("8 concurrent shards into one PostgreSQL store", () => {
  test("every row exactly once: credentials, discoveries, scans, sightings, locations", async () => {
    const counts = await tableCounts(pgStore);
    const perShardTotal = org.perShard.reduce((a, b) => a + b, 0);
    expect(counts).toEqual({
      scans: SHARDS,
      credentials: org.distinct,
      target_credentials: perShardTotal,
      sightings: perShardTotal,
      locations: org.occurrences,
      events: org.distinct,
    });
    const duplicates = await withClient(
      pgStore,
      async (client) =>
        (await client.query<{ id: string }>("SELECT credential_id AS id FROM events WHERE action = 'discovered' GROUP BY credential_id HAVING count(*) <> 1"))
          .rows,
    );
    expect(duplicates).toEqual([]);
  });

  test("the shared credentials list every shard that holds them", async () => {
    const credentials = await listStore(pgStore);
    expect(credentials).toHaveLength(org.distinct);
    expect(credentials.map((c) => c.targets.length).sort((a, b) => a - b)).toEqual([
      ...Array.from({ length: SHARDS * 2 }, () => 1),
      ...Array.from({ length: SHARDS / 2 }, () => 2),
      SHARDS,
    ]);
    const everywhere = credentials.find((c) => c.targets.length === SHARDS);
    expect(everywhere?.locations).toHaveLength(SHARDS * 2);
    expect(credentials.every((c) => c.state === "open" && c.events.length === 1 && c.events[0]?.action === "discovered")).toBe(true);
  });

  test("the trend counts each credential new once, and the last scan sees all open", async () => {
    const trend = JSON.parse(String((await nhiscan(["trend", "--store", pgStore, "--format", "json"])).stdout)) as { scans: { new: number; open: number }[] };
    expect(trend.scans).toHaveLength(SHARDS);
    expect(trend.scans.reduce((n, s) => n + s.new, 0)).toBe(org.distinct);
    expect(Math.max(...trend.scans.map((s) => s.open))).toBe(org.distinct);
  });

  test("the shards' SQLite files joined by store import give the same inventory", async () => {
    // Owner hints come from each credential's latest scan: which shard ran last differs per run.
    expect(withoutRunTimes(await listStore(joinedSqlite), { ownerHint: true })).toEqual(withoutRunTimes(await listStore(pgStore), { ownerHint: true }));
  });

  test("both stores hold the credentials, locations and sharing of a single-process scan", async () => {
    const sharing = async (store: string) => (await listStore(store)).map((c) => [c.credentialId, c.state, c.locations.join(" ")]);
    const reference = await sharing(single);
    expect(reference).toHaveLength(org.distinct);
    expect(await sharing(pgStore)).toEqual(reference);
    expect(await sharing(joinedSqlite)).toEqual(reference);
  });

  test("report --store gives the same organisation report from both stores and the single scan", async () => {
    const report = async (store: string) => {
      const result = await nhiscan(["report", "--store", store, "--format", "json"]);
      expect(result.exitCode, String(result.stderr)).toBe(0);
      const parsed = JSON.parse(String(result.stdout)) as { items: { credentialId: string; locations: { repository?: string; path: string }[] }[] };
      return parsed.items.map((i) => [i.credentialId, i.locations.map((l) => `${l.repository ?? ""}:${l.path}`)]).sort();
    };
    const fromPg = await report(pgStore);
    expect(fromPg).toHaveLength(org.distinct);
    expect(await report(joinedSqlite)).toEqual(fromPg);
    expect(await report(single)).toEqual(fromPg);
  });
});
