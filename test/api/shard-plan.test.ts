import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { planShards, shardRepositories } from "../../src/api/shard-plan.js";
import type { RepositoryEntry, ShardPlan } from "../../src/model/plan.js";

const unsized = (n: number, prefix = "repos/r"): RepositoryEntry[] => Array.from({ length: n }, (_, i) => ({ path: `${prefix}${i}` }));
const shardMap = (plan: ShardPlan) => new Map(plan.shards.flatMap((s) => s.repositories.map((r) => [r.path, s.index] as const)));
const paths = (plan: ShardPlan) => plan.shards.flatMap((s) => s.repositories.map((r) => r.path));

const entries = fc
  .uniqueArray(fc.record({ path: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), size: fc.option(fc.integer({ min: 0, max: 5e9 }), { nil: undefined }) }), {
    selector: (e) => e.path,
    minLength: 1,
    maxLength: 60,
  })
  .map((list) => list.map((e): RepositoryEntry => (e.size === undefined ? { path: e.path } : { path: e.path, size: e.size })));

describe("planShards", () => {
  test("every repository lands in exactly one shard, for any N and any mix of sized and unsized lines", () => {
    fc.assert(
      fc.property(entries, fc.integer({ min: 1, max: 20 }), (list, n) => {
        const plan = planShards(list, n);
        expect(plan.shards.map((s) => s.index)).toEqual([...Array(n).keys()]);
        expect(paths(plan).sort()).toEqual(list.map((e) => e.path).sort());
        expect(plan.shards.map((s) => s.bytes)).toEqual(plan.shards.map((s) => s.repositories.reduce((sum, r) => sum + (r.size ?? 0), 0)));
      }),
    );
  });

  test("depends on the set of lines, not their order; shardRepositories agrees with the plan", () => {
    fc.assert(
      fc.property(entries, fc.integer({ min: 1, max: 9 }), (list, n) => {
        const plan = planShards(list, n);
        expect(shardMap(planShards([...list].reverse(), n))).toEqual(shardMap(plan));
        for (const shard of plan.shards)
          expect(
            shardRepositories(list, shard.index, n)
              .map((r) => r.path)
              .sort(),
          ).toEqual(shard.repositories.map((r) => r.path).sort());
      }),
    );
  });

  test("unsized: adding repositories never moves an existing one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 16 }), (before, added, n) => {
        const old = shardMap(planShards(unsized(before), n));
        const grown = shardMap(planShards([...unsized(before), ...unsized(added, "repos/new")], n));
        for (const [path, shard] of old) expect(grown.get(path)).toBe(shard);
      }),
    );
  });

  test("unsized: going from N to N+1 shards moves a repository only onto the new shard", () => {
    for (const n of [1, 2, 3, 4, 7, 16]) {
      const before = shardMap(planShards(unsized(500), n));
      const after = shardMap(planShards(unsized(500), n + 1));
      const moved = [...before].filter(([path, shard]) => after.get(path) !== shard);
      expect(moved.every(([path]) => after.get(path) === n)).toBe(true);
      // About 1/(N+1) of the repositories move, the least any assignment can move.
      expect(moved.length).toBeGreaterThan(500 / (n + 1) / 2);
      expect(moved.length).toBeLessThan((500 / (n + 1)) * 1.6);
    }
  });

  test("sized: no shard exceeds the capacity when every repository is at most a tenth of the mean load", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 40, maxLength: 300 }), fc.integer({ min: 1, max: 8 }), (sizes, n) => {
        const total = sizes.reduce((a, b) => a + b, 0);
        fc.pre(Math.max(...sizes) * 10 * n <= total);
        const plan = planShards(
          sizes.map((size, i) => ({ path: `r${i}`, size })),
          n,
        );
        expect(plan.capacity).toBeDefined();
        expect(Math.max(...plan.shards.map((s) => s.bytes))).toBeLessThanOrEqual(plan.capacity ?? 0);
        expect(plan.capacity ?? 0).toBeLessThanOrEqual(Math.ceil((total * 1.1) / n) * 1.07);
      }),
    );
  });

  test("sized: while the capacity is unchanged, adding a repository moves no larger repository", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1e6 }), { minLength: 5, maxLength: 120 }),
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 2, max: 8 }),
        (sizes, extra, n) => {
          const list = sizes.map((size, i): RepositoryEntry => ({ path: `r${i}`, size }));
          const before = planShards(list, n);
          const after = planShards([...list, { path: "new", size: extra }], n);
          fc.pre(before.capacity === after.capacity);
          const moved = after.shards.flatMap((s) => s.repositories.filter((r) => r.path !== "new" && shardMap(before).get(r.path) !== s.index));
          expect(moved.filter((r) => (r.size ?? 0) > extra)).toEqual([]);
        },
      ),
    );
  });

  test("sized: one huge repository gets a shard of its own; the rest share the others within the capacity", () => {
    const list = [{ path: "mono", size: 1000 }, ...Array.from({ length: 60 }, (_, i) => ({ path: `svc${i}`, size: 10 }))];
    const plan = planShards(list, 4);
    const mono = plan.shards.find((s) => s.repositories.some((r) => r.path === "mono"));
    expect(mono?.repositories).toHaveLength(1);
    const others = plan.shards.filter((s) => s !== mono).map((s) => s.bytes);
    // The capacity is 110 % of the others' mean (600 / 3), rounded up by at most 1/16.
    expect(plan.capacity).toBeLessThanOrEqual(Math.ceil(220 * 1.0625));
    expect(Math.max(...others)).toBeLessThanOrEqual(plan.capacity ?? 0);
  });

  test.each([
    ["no shards", 0],
    ["too many shards", 10_001],
    ["a fraction", 2.5],
  ])("%s is an input error", (_name, n) => {
    expect(() => planShards(unsized(3), n)).toThrow(/shard count must be a whole number from 1 to 10000/);
  });

  test("a repository listed twice (even with a trailing slash) is an input error", () => {
    expect(() => planShards([{ path: "repos/a" }, { path: "repos/a/" }], 2)).toThrow(/lists repos\/a\/ twice/);
  });
});
