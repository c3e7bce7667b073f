import { stringify } from "yaml";
import type { RepositoryEntry, ShardPlan } from "../model/plan.js";
import type { PlanFormat } from "./format-names.js";

/** Settings of the Kubernetes Indexed Job a plan becomes. */
export interface JobSettings {
  /** Name of the Job; its ConfigMap is `<name>-repos`. */
  readonly name: string;
  readonly image: string;
  /** Pods running at once; default every shard. */
  readonly parallelism?: number;
  /** Persistent volume claim holding the repositories; mounted read-only as the pod's working folder. */
  readonly claim: string;
  /** Secret whose key `url` is the store (NHISCAN_STORE), e.g. a postgres:// URL. */
  readonly storeSecret: string;
  /** Flags after `scan … --shard I/N`, e.g. ["--history"]. */
  readonly scanFlags: readonly string[];
}

const REPOS_DIR = "/etc/nhiscan";
const REPOS_FILE = "repos.txt";
const WORK_DIR = "/repos";

/** Writes a plan: JSON, a GitHub Actions matrix, a Kubernetes ConfigMap and Indexed Job, or the sized repos file the shards split. */
export function formatPlan(plan: ShardPlan, format: PlanFormat, job: JobSettings): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(plan, null, 2)}\n`;
    case "github-matrix":
      return `${JSON.stringify(githubMatrix(plan))}\n`;
    case "k8s-job":
      return kubernetesJob(plan, job);
    case "repos-file":
      return reposFileText(plan.shards.flatMap((s) => s.repositories));
  }
}

/** A value for `strategy.matrix: ${{ fromJSON(…) }}`: one job per shard; `shard` is the `--shard` value `I/N`. */
function githubMatrix(plan: ShardPlan) {
  const count = plan.shards.length;
  return { include: plan.shards.map((s) => ({ shard: `${s.index}/${count}`, index: s.index, repositories: s.repositories.length, bytes: s.bytes })) };
}

/**
 * A ConfigMap holding the repos file and an Indexed Job whose pod `i` scans shard `i`. The
 * repos file travels in the ConfigMap, so every pod splits the very list the plan split.
 */
function kubernetesJob(plan: ShardPlan, job: JobSettings): string {
  const count = plan.shards.length;
  const entries = [...plan.shards.flatMap((s) => s.repositories)];
  const configMap = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: `${job.name}-repos`, labels: { "app.kubernetes.io/name": "nhiscan" } },
    data: { [REPOS_FILE]: reposFileText(entries) },
  };
  const container = {
    name: "nhiscan",
    image: job.image,
    workingDir: WORK_DIR,
    // The Job controller sets JOB_COMPLETION_INDEX in the container; $(…) expands it in args.
    args: ["scan", "--repos-file", `${REPOS_DIR}/${REPOS_FILE}`, "--shard", `$(JOB_COMPLETION_INDEX)/${count}`, ...job.scanFlags],
    env: [{ name: "NHISCAN_STORE", valueFrom: { secretKeyRef: { name: job.storeSecret, key: "url" } } }],
    volumeMounts: [
      { name: "repos-file", mountPath: REPOS_DIR, readOnly: true },
      { name: "repositories", mountPath: WORK_DIR, readOnly: true },
    ],
    securityContext: { allowPrivilegeEscalation: false },
  };
  const indexedJob = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: job.name, labels: { "app.kubernetes.io/name": "nhiscan" } },
    spec: {
      completionMode: "Indexed",
      completions: count,
      parallelism: Math.min(job.parallelism ?? count, count),
      backoffLimit: count * 2,
      template: {
        metadata: { labels: { "app.kubernetes.io/name": "nhiscan" } },
        spec: {
          restartPolicy: "Never",
          containers: [container],
          volumes: [
            { name: "repos-file", configMap: { name: `${job.name}-repos` } },
            { name: "repositories", persistentVolumeClaim: { claimName: job.claim, readOnly: true } },
          ],
        },
      },
    },
  };
  const header = `# nhiscan plan: ${count} shards of ${entries.length} repositories (${plan.rule}). Apply with: kubectl apply -f <this file>\n`;
  return `${header}${stringify(configMap)}---\n${stringify(indexedJob)}`;
}

/** The repos file format: `PATH` or `PATH<TAB>SIZE`, one per line. */
export function reposFileText(entries: readonly RepositoryEntry[]): string {
  return `${entries.map((e) => (e.size === undefined ? e.path : `${e.path}\t${e.size}`)).join("\n")}\n`;
}
