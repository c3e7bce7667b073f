import type { Pair, YAMLMap } from "yaml";
import type { Environment } from "../model/inventory.js";
import { environmentOf } from "../paths/classify.js";
import { lazyRequire } from "../util/lazy-require.js";

// Loaded on first use: most scans never parse YAML this way.
const yaml = lazyRequire<typeof import("yaml")>("yaml");

// Deployment environments a CI definition names: GitHub Actions `jobs.<id>.environment`
// (`production` or `{ name: production }`), GitLab CI `<job>.environment` (same two forms).
// A value inside a job belongs to that job's environment; a value outside every job (workflow
// `env:`, GitLab global `variables:`) is used by every job, so by all of their environments.

/** GitLab CI top-level keys that are not jobs. */
const GITLAB_GLOBAL_KEYS = new Set(["variables", "default", "workflow", "include", "stages", "image", "services", "cache", "before_script", "after_script"]);

interface JobRange {
  readonly first: number;
  readonly last: number;
  readonly environment: Environment | undefined;
}

/** For a CI definition's text: the environments a value at a 1-based line is used in. */
export function ciEnvironments(text: string): (line: number) => Environment[] {
  const jobs = jobRanges(text);
  const withEnvironment = jobs.filter((j) => j.environment !== undefined);
  if (withEnvironment.length === 0) return () => [];
  const all = [...new Set(withEnvironment.map((j) => j.environment as Environment))].sort();
  return (line) => {
    const job = jobs.find((j) => line >= j.first && line <= j.last);
    if (job === undefined) return all;
    return job.environment === undefined ? [] : [job.environment];
  };
}

/** Every job (a sibling of a job that names an environment) with its line span and environment. */
function jobRanges(text: string): JobRange[] {
  const lineCounter = new (yaml().LineCounter)();
  let doc: ReturnType<typeof import("yaml").parseDocument>;
  try {
    doc = yaml().parseDocument(text, { lineCounter, uniqueKeys: false });
  } catch {
    return [];
  }
  if (doc.errors.length > 0) return [];
  const containers = new Set<YAMLMap>();
  yaml().visit(doc, {
    Map(_key, node, path) {
      const parent = path[path.length - 2];
      if (environmentName(node) !== undefined && yaml().isMap(parent)) containers.add(parent);
    },
  });
  const isRoot = (map: YAMLMap) => doc.contents === map;
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  return [...containers].flatMap((container) =>
    container.items.flatMap((pair: Pair) => {
      const value = pair.value;
      const key = yaml().isScalar(pair.key) ? String(pair.key.value) : "";
      if (!yaml().isMap(value) || value.range == null || (isRoot(container) && GITLAB_GLOBAL_KEYS.has(key))) return [];
      const start = yaml().isScalar(pair.key) && pair.key.range != null ? pair.key.range[0] : value.range[0];
      const end = lineCounter.linePos(value.range[2]);
      const name = environmentName(value);
      // A range ends at the start of the next line: the job's last line is the one before.
      return [{ first: lineOf(start), last: end.col === 1 ? end.line - 1 : end.line, environment: name === undefined ? undefined : environmentOf(name) }];
    }),
  );
}

/** `environment: name` or `environment: { name: name }` of a job map. */
function environmentName(map: YAMLMap): string | undefined {
  const env = map.get("environment", true);
  if (yaml().isScalar(env) && typeof env.value === "string") return env.value;
  if (yaml().isMap(env)) {
    const name = env.get("name", true);
    if (yaml().isScalar(name) && typeof name.value === "string") return name.value;
  }
  return undefined;
}
