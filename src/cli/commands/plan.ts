import { Command, Option } from "commander";
import { PLAN_FORMATS } from "../../report/format-names.js";
import type { PlanFormat } from "../../report/format-names.js";
import { EXIT } from "../exit-codes.js";
import type { ExitCode } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { parseCount } from "../parse-size.js";
import { readRepositoryEntries } from "../repos-file.js";
import { parseShardCount } from "../shard-flag.js";
import { loadStoreModule } from "../store-file.js";
import type { RepositoryEntry } from "../../model/plan.js";
import { writeOutput } from "../write-output.js";

interface PlanFlags {
  readonly reposFile: string;
  readonly shards: number;
  readonly format: PlanFormat;
  readonly output?: string;
  readonly name: string;
  readonly image: string;
  readonly parallelism?: number;
  readonly claim: string;
  readonly storeSecret: string;
  readonly scanFlags: string;
  readonly store?: string;
}

/** The entries with the store's measured sizes where the file has none. */
async function measuredEntries(store: string, entries: readonly RepositoryEntry[], cwd: string): Promise<RepositoryEntry[]> {
  const { withMeasuredSizes } = await import("../../api/store.js");
  return loadStoreModule(() => withMeasuredSizes(store, entries, cwd));
}

/** `nhiscan plan`: split a repos file into shards for a CI matrix or a Kubernetes Indexed Job. */
export function planCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  return new Command("plan")
    .description("Assign every repository of a repos file to one of N shards (run each with `scan --repos-file F --shard I/N`)")
    .requiredOption("--repos-file <file>", "repositories, one per line: PATH, or PATH<TAB>SIZE (bytes, 120MiB…) to balance by size")
    .requiredOption("--shards <n>", "number of shards", parseShardCount)
    .addOption(
      new Option("-f, --format <format>", "json plan, GitHub Actions matrix, or Kubernetes ConfigMap + Indexed Job").choices([...PLAN_FORMATS]).default("json"),
    )
    .option("-o, --output <file>", "write to a file instead of stdout")
    .option("--store <file|url>", "fill in sizes the file lacks from the store's last --history scans (then give the shards --format repos-file's output)")
    .option("--name <name>", "k8s-job: name of the Job (its ConfigMap is NAME-repos)", "nhiscan-org")
    .option("--image <ref>", "k8s-job: container image with nhiscan installed", "nhiscan:latest")
    .option("--parallelism <n>", "k8s-job: pods running at once (default: every shard)", parseCount)
    .option("--claim <name>", "k8s-job: persistent volume claim holding the repositories (mounted read-only at /repos)", "nhiscan-repositories")
    .option("--store-secret <name>", "k8s-job: Secret whose key `url` is the store (NHISCAN_STORE)", "nhiscan-store")
    .option(
      "--scan-flags <flags>",
      "k8s-job: flags after `scan … --shard I/N`, space-separated",
      "--history --incremental --quiet --format json --output /dev/null",
    )
    .addHelpText(
      "after",
      `
The assignment depends only on the set of lines of the repos file: plan and every shard compute it
alike. Unsized repositories go to their rendezvous-hash shard and never move when others are added;
sized ones are balanced within 110 % of the mean load (see docs/org-scale.md).
Examples:
  nhiscan plan --repos-file repos.txt --shards 4
  nhiscan plan --repos-file repos.txt --shards 8 --format github-matrix
  nhiscan plan --repos-file repos.txt --shards 16 --format k8s-job --image registry.example/nhiscan:1 | kubectl apply -f -
  nhiscan plan --repos-file repos.txt --shards 8 --store nhi.db --format repos-file --output sized.txt
                                     (scan --shard balances by the file's sizes only: give it sized.txt)`,
    )
    .action(async (flags: PlanFlags) => {
      const [{ planShards }, { formatPlan }] = await Promise.all([import("../../api/shard-plan.js"), import("../../report/plan.js")]);
      const listed = readRepositoryEntries(io.cwd, flags.reposFile);
      const entries = flags.store === undefined ? listed : await measuredEntries(flags.store, listed, io.cwd);
      const plan = planShards(entries, flags.shards);
      const job = {
        name: flags.name,
        image: flags.image,
        claim: flags.claim,
        storeSecret: flags.storeSecret,
        scanFlags: flags.scanFlags.split(/\s+/).filter((f) => f !== ""),
        ...(flags.parallelism === undefined ? {} : { parallelism: Math.max(1, flags.parallelism) }),
      };
      writeOutput(io, formatPlan(plan, flags.format, job), flags.output);
      setExit(EXIT.ok);
    });
}
