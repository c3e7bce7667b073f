import { readFileSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments, parse as parseYaml } from "yaml";
import { describe, expect, test } from "vitest";
import type { ShardPlan } from "../../src/model/plan.js";
import { runCli } from "../helpers/cli.js";
import { writeTree } from "../helpers/tree.js";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const EXAMPLES = path.join(ROOT, "examples");

interface Matrix {
  readonly include: readonly { shard: string; index: number; repositories: number; bytes: number }[];
}

async function plan(args: readonly string[], cwd = ROOT): Promise<string> {
  const { exitCode, stdout, stderr } = await runCli(["plan", ...args], { cwd });
  expect(stderr).toBe("");
  expect(exitCode).toBe(0);
  return stdout;
}

const listed = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => l.split("\t")[0]);

/** The shard of every repository, from the JSON plan; fails on a repository in two shards. */
function coverage(planned: ShardPlan): Map<string, number> {
  const seen = new Map<string, number>();
  for (const shard of planned.shards) {
    for (const repo of shard.repositories) {
      expect(seen.has(repo.path), `${repo.path} in two shards`).toBe(false);
      seen.set(repo.path, shard.index);
    }
  }
  return seen;
}

describe("examples/", () => {
  test("the GitHub Actions workflow parses, takes its matrix from `plan --format github-matrix`, and runs `scan --shard` per matrix entry", async () => {
    const workflow = parseYaml(readFileSync(path.join(EXAMPLES, "github", "nhiscan-org.yml"), "utf8")) as {
      env: { SHARDS: number };
      jobs: { plan: { steps: { run?: string }[] }; scan: { needs: string; strategy: { matrix: string }; steps: { run?: string }[] } };
    };
    expect(workflow.jobs.scan.needs).toBe("plan");
    expect(workflow.jobs.scan.strategy.matrix).toBe("${{ fromJSON(needs.plan.outputs.matrix) }}");
    const planStep = workflow.jobs.plan.steps.find((s) => s.run?.includes("nhiscan plan"))?.run ?? "";
    expect(planStep).toContain("--format github-matrix");
    expect(workflow.jobs.scan.steps.some((s) => s.run?.includes('--shard "${{ matrix.shard }}"'))).toBe(true);
    // The matrix the plan step would write: one entry per shard, valid `--shard` values, every repository once.
    const matrix = JSON.parse(
      await plan(["--repos-file", "examples/repos.txt", "--shards", String(workflow.env.SHARDS), "--format", "github-matrix"]),
    ) as Matrix;
    expect(matrix.include.map((e) => e.shard)).toEqual(["0/4", "1/4", "2/4", "3/4"]);
    expect(matrix.include.reduce((n, e) => n + e.repositories, 0)).toBe(listed(path.join(EXAMPLES, "repos.txt")).length);
  });

  test("the Kubernetes manifest is what `plan --format k8s-job` writes: a ConfigMap with the repos file and an Indexed Job of N completions", async () => {
    const file = readFileSync(path.join(EXAMPLES, "kubernetes", "nhiscan-job.yaml"), "utf8");
    expect(file).toBe(await plan(["--repos-file", "examples/repos.txt", "--shards", "4", "--format", "k8s-job", "--image", "ghcr.io/example/nhiscan:0.1.0"]));
    const docs = parseAllDocuments(file);
    expect(docs.flatMap((d) => d.errors)).toEqual([]);
    const [configMap, job] = docs.map((d) => d.toJS()) as [
      { kind: string; metadata: { name: string }; data: Record<string, string> },
      {
        kind: string;
        spec: {
          completionMode: string;
          completions: number;
          parallelism: number;
          template: { spec: { containers: { args: string[] }[]; volumes: { configMap?: { name: string } }[] } };
        };
      },
    ];
    expect(configMap.kind).toBe("ConfigMap");
    expect(job.kind).toBe("Job");
    expect(job.spec).toMatchObject({ completionMode: "Indexed", completions: 4, parallelism: 4 });
    const args = job.spec.template.spec.containers[0]?.args ?? [];
    expect(args.slice(0, 5)).toEqual(["scan", "--repos-file", "/etc/nhiscan/repos.txt", "--shard", "$(JOB_COMPLETION_INDEX)/4"]);
    expect(job.spec.template.spec.volumes.some((v) => v.configMap?.name === configMap.metadata.name)).toBe(true);
    // The ConfigMap's repos file holds exactly the example's repositories, and plans alike.
    const repos = configMap.data["repos.txt"] ?? "";
    const dir = writeTree({ "repos.txt": repos });
    expect(listed(path.join(dir, "repos.txt")).sort()).toEqual(listed(path.join(EXAMPLES, "repos.txt")).sort());
    expect(await plan(["--repos-file", "repos.txt", "--shards", "4"], dir)).toBe(await plan(["--repos-file", "examples/repos.txt", "--shards", "4"]));
  });

  test.each([1, 2, 3, 4, 5, 8, 13])("%i shards cover every example repository exactly once, also after repositories are added", async (n) => {
    const base = readFileSync(path.join(EXAMPLES, "repos.txt"), "utf8");
    const grown = `${base}repos/new-service\t33MiB\nrepos/sandbox\nrepos/legacy-monolith\t900MiB\n`;
    const dir = writeTree({ "repos.txt": base, "grown.txt": grown });
    for (const file of ["repos.txt", "grown.txt"]) {
      const covered = coverage(JSON.parse(await plan(["--repos-file", file, "--shards", String(n)], dir)) as ShardPlan);
      expect([...covered.keys()].sort()).toEqual(listed(path.join(dir, file)).sort());
      expect(Math.max(...covered.values())).toBeLessThan(n);
    }
  });
});

describe("plan", () => {
  test.each([
    ["no --shards", ["--repos-file", "repos.txt"], /required option '--shards <n>' not specified/],
    ["zero shards", ["--repos-file", "repos.txt", "--shards", "0"], /expected a whole number of shards from 1 to 10000/],
    ["an unknown format", ["--repos-file", "repos.txt", "--shards", "2", "--format", "yaml"], /Allowed choices are json, github-matrix, k8s-job, repos-file/],
    ["a bad size column", ["--repos-file", "bad.txt", "--shards", "2"], /bad\.txt:2: "huge" is not a size/],
    ["a repository listed twice", ["--repos-file", "twice.txt", "--shards", "2"], /lists a\/ twice/],
  ])("%s is a usage error (exit 2)", async (_name, args, message) => {
    const dir = writeTree({ "repos.txt": "a\nb\n", "bad.txt": "a\nb\thuge\n", "twice.txt": "a\nb\na/\n" });
    const { exitCode, stderr } = await runCli(["plan", ...args], { cwd: dir });
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(message);
  });

  test("a repos file written before the size column (paths with spaces, comments) reads as before", async () => {
    const dir = writeTree({ "repos.txt": "# org\nteam a/api\n  web  \n" });
    const planned = JSON.parse(await plan(["--repos-file", "repos.txt", "--shards", "1"], dir)) as ShardPlan;
    expect(planned.rule).toBe("rendezvous");
    expect(planned.shards[0]?.repositories).toEqual([{ path: "team a/api" }, { path: "web" }]);
  });
});
