import type { Environment } from "./inventory.js";

/**
 * What a file is for, read from its path alone. A value's meaning depends on it: a weak password
 * in a credential or config file is what the application logs in with; in tests and documentation
 * it is almost always a sample. It sets a finding's confidence, never whether detection runs.
 */
export type PathContext = "credential" | "config" | "source" | "test" | "docs" | "other";

/** CI systems whose pipeline definitions are recognised by path. */
export type CiSystem =
  | "github-actions"
  | "gitlab-ci"
  | "circleci"
  | "azure-pipelines"
  | "jenkins"
  | "bitbucket-pipelines"
  | "travis-ci"
  | "buildkite"
  | "drone";

/** Files written by tools rather than people: lockfiles, minified bundles, other generated output. */
export type GeneratedKind = "lockfile" | "minified";

/** Configuration syntaxes read key by key. */
export type ConfigFormat = "env" | "dockerfile" | "properties" | "ini" | "toml" | "terraform" | "yaml" | "json" | "xml";

/** Everything the path of a file says about it, classified once (src/paths/classify.ts). */
export interface PathClass {
  readonly context: PathContext;
  /** The CI system the file defines a pipeline for, if it is a pipeline definition. */
  readonly ci: CiSystem | undefined;
  /** The deployment environment the path names (`.env.production`, `k8s/staging/…`), if any. */
  readonly environment: Environment | undefined;
  readonly generated: GeneratedKind | undefined;
  /** The configuration syntax of the file, from its name. */
  readonly configFormat: ConfigFormat | undefined;
  /** Source code (including shell scripts and build files), whatever its context. */
  readonly source: boolean;
  /** Test code or documentation in the narrow sense: a test's code, a fixture, a manual page. */
  readonly testOrDoc: boolean;
  /** A translation catalogue (`locales/`, `.po`, `messages_fr.properties`). */
  readonly translations: boolean;
}
