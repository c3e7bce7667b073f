import type { Confidence } from "../model/rule.js";
import { configFormatOf } from "./config-formats/formats.js";

/**
 * What a file is for, read from its path alone: a value's meaning depends on it. A weak literal
 * password in a credential or config file is what the application logs in with; in source code
 * it may be; in tests and documentation it is almost always a sample.
 */
export type PathContext = "credential" | "config" | "source" | "test" | "docs" | "other";

/** Source code, by extension or by the names of build and task files. */
export const SOURCE_FILE =
  /\.(?:[cm]?[jt]sx?|py|pyw|ipynb|go|java|kts?|scala|groovy|gradle|rb|php|cs|vb|fs|sh|bash|zsh|ksh|fish|ps1|psm1|bat|cmd|swift|rs|c|h|cc|cpp|hpp|m|mm|dart|lua|pl|pm|r|jl|exs?|erl|clj|vue|svelte|astro)$|(?:^|\/)(?:Jenkinsfile|Makefile|Vagrantfile|Rakefile|Fastfile)$/;
/** Documentation and examples: their values are samples. */
const DOC_PATH = /\.(?:md|mdx|markdown|rst|adoc|asciidoc|txt|html?)$|(?:^|\/)(?:docs?|documentation|examples?|samples?)\/|\.(?:example|sample|template|dist|tmpl)$/i;
/** Test code and fixtures (not configs of a `test` environment, such as `k8s/test/app.yaml`). */
const TEST_CODE_PATH =
  /(?:^|\/)(?:test|tests|__tests__|spec|specs|testdata|test-data|fixtures?|__fixtures__|__mocks__|mocks?)\/.*\.(?:[cm]?[jt]sx?|py|rb|go|java|kt|cs|php|rs|swift|scala)$|[._-](?:test|spec)\.(?:[cm]?[jt]sx?|py|rb|go|java|kt|cs|php|rs|swift|scala)$|_test\.go$|(?:^|\/)(?:testdata|fixtures?|__fixtures__)\//i;
/** Any file of a test tree, config included: the confidence of a weak password there is low. */
const TEST_TREE = /(?:^|\/)(?:test|tests|__tests__|spec|specs|testdata|test-data|fixtures?|__fixtures__|__mocks__|mocks?|test-?apps?|dummy|e2e|cypress|playwright|integration-tests?)\//i;
/** Seed and demo data: the accounts it creates are samples (`db/seeds.rb`, `sample_data/`, `demo/`). */
const SAMPLE_DATA = /(?:^|\/)(?:sample[_-]?data|seeds?|demo|demos|db\/seeds\.rb)(?:\/|$)|(?:^|\/)seeds?\.(?:rb|py|js|ts|php|exs)$/i;
/** Example files named as such beside the real one (`config.example.yml`, `.env.sample`) and generator templates (`ci.yml.tt`, `netrc.j2`). */
const EXAMPLE_NAME = /(?:^|\/)[^/]*[._-](?:example|sample|template|dist|default|defaults|tmpl)(?:\.[^/]*)?$|\.(?:tt|j2|jinja2?|mustache|hbs|tpl)$/i;
/** Files whose whole purpose is to hold a credential. */
const CREDENTIAL_FILE =
  /(?:^|\/)(?:[._]netrc|\.pgpass|\.git-credentials|\.my\.cnf|\.pypirc|\.npmrc|\.s3cfg|\.boto|\.dockercfg|credentials(?:\.xml|\.json|\.ya?ml)?|master\.key|[^/]*\.htpasswd|secrets?\.(?:ya?ml|json|env|ini|properties))$/i;
/** Source files that configure an application rather than implement it. */
const CONFIG_SOURCE =
  /(?:^|\/)(?:config|conf|configs|settings|environments|initializers)\/[^/]+$|(?:^|\/)(?:settings|local_settings|config|configuration|wp-config|app\.config|database|db)\.(?:py|php|rb|js|ts|cjs|mjs|groovy|gradle|kts)$|\.config\.[cm]?[jt]s$/i;

/** Classification rules, first match wins: order is precedence (a `docs/` example config is docs). */
const CONTEXTS: readonly (readonly [(path: string) => boolean, PathContext])[] = [
  [(path) => DOC_PATH.test(path) || EXAMPLE_NAME.test(path) || SAMPLE_DATA.test(path), "docs"],
  [(path) => TEST_CODE_PATH.test(path) || TEST_TREE.test(path), "test"],
  [(path) => CREDENTIAL_FILE.test(path), "credential"],
  [(path) => configFormatOf(path) !== undefined || CONFIG_SOURCE.test(path), "config"],
  [(path) => SOURCE_FILE.test(path), "source"],
];

/** How sure a weak literal password in each context is to be a real one. */
export const CONTEXT_CONFIDENCE: Readonly<Record<PathContext, Confidence>> = {
  credential: "high",
  config: "high",
  source: "medium",
  other: "medium",
  test: "low",
  docs: "low",
};

/** Java-style package folders named after the documentation domain (`com/example/app`) are code, not examples. */
const EXAMPLE_PACKAGE = /(?:^|\/)(?:com|org|net|io)\/example\//g;

/** The context of a repository-relative posix path. */
export function pathContextOf(path: string): PathContext {
  const plain = path.replace(EXAMPLE_PACKAGE, "/");
  for (const [matches, context] of CONTEXTS) if (matches(plain)) return context;
  return "other";
}

/**
 * Test code, fixtures and documentation in the narrow sense the false-positive guard uses for
 * every generic finding (configs of a `test` environment are not tests).
 */
export function isTestOrDocPath(path: string): boolean {
  const plain = path.replace(EXAMPLE_PACKAGE, "/");
  return DOC_PATH.test(plain) || TEST_CODE_PATH.test(plain);
}

/** Tests and documentation in the wide sense (config files of test trees and example files included). */
export function isSamplePath(path: string): boolean {
  const context = pathContextOf(path);
  return context === "test" || context === "docs";
}

/**
 * A line that is a comment (`#`, `//`, `/*`, ` * `, `-- `, `;`, `' `): its values are usage samples.
 * `--` and `'` need a space after them, or `--password=…` and PHP's `'key' => …` would be comments.
 */
const COMMENT_LINE = /^\s*(?:#(?![!{])|\/\/|\/\*|\*|--\s|;|'\s)/;

/** Whether a line (or its text up to a value) is a comment. */
export function isCommentLine(line: string): boolean {
  return COMMENT_LINE.test(line);
}
