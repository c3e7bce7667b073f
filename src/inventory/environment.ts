import type { Environment } from "../model/inventory.js";

const PATTERNS: readonly (readonly [Environment, RegExp])[] = [
  ["production", /(?:^|[/._\s-])(?:prod|production|prd|live)(?:$|[/._\s-])/i],
  ["staging", /(?:^|[/._\s-])(?:stag|staging|stage|preprod|uat|qa)(?:$|[/._\s-])/i],
  ["development", /(?:^|[/._\s-])(?:dev|develop|development|local|sandbox)(?:$|[/._\s-])/i],
  ["test", /(?:^|[/._\s-])(?:test|tests|testing|spec|e2e|fixtures?)(?:$|[/._\s-])/i],
];

/** The environment a path suggests (`.env.production`, `k8s/prod/…`, `config/staging.yml`), if any. */
export function environmentOf(path: string): Environment | undefined {
  for (const [env, pattern] of PATTERNS) if (pattern.test(path)) return env;
  return undefined;
}

const CI_PATHS = [
  /^\.github\/workflows\/[^/]+\.ya?ml$/,
  /(?:^|\/)\.gitlab-ci\.ya?ml$/,
  /^\.circleci\/config\.ya?ml$/,
  /(?:^|\/)azure-pipelines[^/]*\.ya?ml$/,
  /(?:^|\/)Jenkinsfile[^/]*$/,
  /(?:^|\/)bitbucket-pipelines\.ya?ml$/,
  /(?:^|\/)\.travis\.ya?ml$/,
  /^\.buildkite\/[^/]+\.ya?ml$/,
  /^\.drone\.ya?ml$/,
];

/** Whether a path is a CI pipeline definition. */
export function isCiDefinition(path: string): boolean {
  return CI_PATHS.some((p) => p.test(path));
}

/** The environment a deployment environment's name suggests (`production`, `prod-eu`, `Staging`), if any. */
export function environmentOfName(name: string): Environment | undefined {
  for (const [env, pattern] of PATTERNS) if (pattern.test(name)) return env;
  return undefined;
}
