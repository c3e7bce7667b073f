import type { Environment } from "../model/inventory.js";
import type { CiSystem, ConfigFormat, PathClass, PathContext } from "../model/path.js";
import type { Confidence } from "../model/rule.js";

// The one path model: every detector, filter and check asks it what a file is for, which CI system
// it defines, which environment it names and whether a tool wrote it. None keeps its own regex.
// Paths are repository-relative and posix (`/`).

/** Source code, by extension or by the names of build and task files. */
const SOURCE_FILE =
  /\.(?:[cm]?[jt]sx?|py|pyw|ipynb|go|java|kts?|scala|groovy|gradle|rb|php|cs|vb|fs|sh|bash|zsh|ksh|fish|ps1|psm1|bat|cmd|swift|rs|c|h|cc|cpp|hpp|m|mm|dart|lua|pl|pm|r|jl|exs?|erl|clj|vue|svelte|astro|rake|gemspec|ru|jbuilder|builder|thor|erb|haml|slim|ejs|twig|liquid|cshtml|razor|jsp|aspx?)$|(?:^|\/)(?:Jenkinsfile|Makefile|Vagrantfile|Rakefile|Fastfile)$/;
/**
 * Documentation: manual pages by extension and documentation trees, plus example and sample trees,
 * whose values are samples. Plain text, logs and backups are not documentation: people paste
 * credentials there (`notes.txt`, `deploy.log`, `app.cfg.bak` are `other`).
 */
const DOC_PATH = /\.(?:md|mdx|markdown|rst|rdoc|adoc|asciidoc|textile|pod)$|(?:^|\/)(?:docs?|documentation|examples?|samples?)\//i;
/** Test code and fixtures (not configs of a `test` environment, such as `k8s/test/app.yaml`). */
const TEST_CODE_PATH =
  /(?:^|\/)(?:test|tests|__tests__|spec|specs|testdata|test-data|fixtures?|__fixtures__|__mocks__|mocks?)\/.*\.(?:[cm]?[jt]sx?|py|rb|go|java|kt|cs|php|rs|swift|scala)$|[._-](?:test|spec)\.(?:[cm]?[jt]sx?|py|rb|go|java|kt|cs|php|rs|swift|scala)$|_test\.go$|(?:^|\/)(?:testdata|fixtures?|__fixtures__)\//i;
/** Any file of a test tree, config included. */
const TEST_TREE =
  /(?:^|\/)(?:test|tests|__tests__|spec|specs|testdata|test-data|fixtures?|__fixtures__|__mocks__|mocks?|test-?apps?|dummy|e2e|cypress|playwright|integration-tests?)\//i;
/** Seed and demo data: the accounts it creates are samples (`db/seeds.rb`, `sample_data/`, `demo/`). */
const SAMPLE_DATA = /(?:^|\/)(?:sample[_-]?data|seeds?|demo|demos|db\/seeds\.rb)(?:\/|$)|(?:^|\/)seeds?\.(?:rb|py|js|ts|php|exs)$/i;
/** Example files named as such beside the real one (`config.example.yml`, `.env.sample`) and generator templates (`ci.yml.tt`, `netrc.j2`). */
const EXAMPLE_NAME =
  /(?:^|\/)[^/]*[._-](?:example|sample|template|dist|default|defaults|tmpl)(?:\.[^/]*)?$|\.(?:example|sample|template|dist|tmpl|tt|j2|jinja2?|mustache|hbs|tpl)$/i;
/** Files whose whole purpose is to hold a credential, by their tools' names. */
const CREDENTIAL_FILE =
  /(?:^|\/)(?:[._]netrc|\.pgpass|\.git-credentials|\.my\.cnf|\.pypirc|\.npmrc|\.s3cfg|\.boto|\.dockercfg|credentials(?:\.xml|\.json|\.ya?ml)?|master\.key|[^/]*\.htpasswd|secrets?\.(?:ya?ml|json|env|ini|properties))$/i;
/**
 * Files people name after the credentials they paste into them (`credentials.txt`, `passwords.csv`,
 * `secrets.bak`, `api_keys.txt`, `logins`, `accounts.json`); source code of that name is code.
 */
const CREDENTIAL_NAME =
  /(?:^|\/)[._-]?(?:credentials?|passwords?|passwds?|secrets?|logins?|accounts?)(?:[_-][\w-]*)?(?:\.(?:txt|csv|tsv|json|ya?ml|xml|ini|cfg|conf|env|properties|toml|bak|old|orig|save|out|log|dat|list))*$|(?:^|\/)[^/]*keys?[^/]*\.txt$/i;
/** Source files that configure an application rather than implement it. */
const CONFIG_SOURCE =
  /(?:^|\/)(?:config|conf|configs|settings|environments|initializers)\/[^/]+$|(?:^|\/)(?:settings|local_settings|config|configuration|wp-config|app\.config|database|db)\.(?:py|php|rb|js|ts|cjs|mjs|groovy|gradle|kts)$|\.config\.[cm]?[jt]s$/i;
/** Translation catalogues: their values are words in some language. */
const TRANSLATIONS =
  /(?:^|\/)(?:locales?|i18n|l10n|lang|langs|languages|translations?|messages)\/|\.(?:po|pot|xliff|xlf|strings|stringsdict|resx|arb)$|(?:^|\/)messages(?:_[\w-]+)?\.(?:properties|json|ya?ml)$/;
/** Java-style package folders named after the documentation domain (`com/example/app`) are code, not examples. */
const EXAMPLE_PACKAGE = /(?:^|\/)(?:com|org|net|io)\/example\//g;

const CONFIG_FORMATS: readonly (readonly [RegExp, ConfigFormat])[] = [
  [/^(?:\.env(?:\..+)?|.+\.env|\.envrc|env\.list|\.flaskenv)$/i, "env"],
  [/^(?:(?:docker|container)file(?:\..+)?|.+\.(?:docker|container)file)$/i, "dockerfile"],
  [/^(?:\.npmrc|\.pypirc|\.pgpass|\.s3cfg|\.boto|\.gitconfig|\.my\.cnf|pip\.conf|.+\.(?:ini|cfg|conf|cnf))$/i, "ini"],
  [/\.properties$/i, "properties"],
  [/\.toml$/i, "toml"],
  [/\.(?:tf|tfvars|hcl)$/i, "terraform"],
  [/\.ya?ml$/i, "yaml"],
  [/\.(?:json|jsonc|json5)$/i, "json"],
  [/\.(?:xml|config)$/i, "xml"],
];

/** Pipeline definitions, by CI system: a file is CI to the detectors exactly when it is CI to the checks. */
const CI_SYSTEMS: readonly (readonly [RegExp, CiSystem])[] = [
  [/^\.github\/workflows\/[^/]+\.ya?ml$|^\.github\/(?:actions\/.+\/|[^/]+\/)?action\.ya?ml$|(?:^|\/)action\.ya?ml$/, "github-actions"],
  [/(?:^|\/)(?:[^/]*\.)?gitlab-ci\.ya?ml$/, "gitlab-ci"],
  [/^\.circleci\/[^/]+\.ya?ml$/, "circleci"],
  [/(?:^|\/)azure-pipelines[^/]*\.ya?ml$|^\.azure-pipelines\/.+\.ya?ml$/, "azure-pipelines"],
  [/(?:^|\/)Jenkinsfile[^/]*$|\.jenkinsfile$|(?:^|\/)(?:jenkins|\.jenkins)\/(?:[^/]+\/)*[^/]+\.groovy$/i, "jenkins"],
  [/(?:^|\/)bitbucket-pipelines\.ya?ml$/, "bitbucket-pipelines"],
  [/(?:^|\/)\.travis\.ya?ml$/, "travis-ci"],
  [/^\.buildkite\/[^/]+\.ya?ml$/, "buildkite"],
  [/(?:^|\/)\.drone\.ya?ml$/, "drone"],
];

const ENVIRONMENTS: readonly (readonly [Environment, RegExp])[] = [
  ["production", /(?:^|[/._\s-])(?:prod|production|prd|live)(?:$|[/._\s-])/i],
  ["staging", /(?:^|[/._\s-])(?:stag|staging|stage|preprod|uat|qa)(?:$|[/._\s-])/i],
  ["development", /(?:^|[/._\s-])(?:dev|develop|development|local|sandbox)(?:$|[/._\s-])/i],
  ["test", /(?:^|[/._\s-])(?:test|tests|testing|spec|e2e|fixtures?)(?:$|[/._\s-])/i],
];

const LOCKFILE =
  /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.ya?ml|bun\.lockb?|Cargo\.lock|go\.sum|poetry\.lock|Pipfile\.lock|uv\.lock|pdm\.lock|composer\.lock|Gemfile\.lock|packages\.lock\.json|paket\.lock|gradle\.lockfile|flake\.lock|mix\.lock|pubspec\.lock|Podfile\.lock|Package\.resolved|\.terraform\.lock\.hcl|deno\.lock)$/;
const MINIFIED = /\.min\.(?:js|css|mjs)$|[.-](?:bundle|chunk)\.[cm]?js$|(?:^|\/)(?:dist|build|bundles?|vendor|static\/js|public\/js)\/[^/]*\.[cm]?js$/;

/** How sure a generic finding in each context is to be a real credential. */
export const CONTEXT_CONFIDENCE: Readonly<Record<PathContext, Confidence>> = {
  credential: "high",
  config: "high",
  source: "medium",
  other: "medium",
  test: "low",
  docs: "low",
};

/** The configuration syntax of a path, from its file name; undefined for source code and other text. */
export function configFormatOf(path: string): ConfigFormat | undefined {
  const name = path.slice(path.lastIndexOf("/") + 1);
  for (const [pattern, format] of CONFIG_FORMATS) if (pattern.test(name)) return format;
  return undefined;
}

/** The environment a path or a deployment environment's name suggests (`.env.production`, `prod-eu`), if any. */
export function environmentOf(pathOrName: string): Environment | undefined {
  for (const [env, pattern] of ENVIRONMENTS) if (pattern.test(pathOrName)) return env;
  return undefined;
}

function contextOf(plain: string, format: ConfigFormat | undefined, source: boolean): PathContext {
  // First match wins: order is precedence (a `docs/` example config is docs, a test tree's config is test).
  if (DOC_PATH.test(plain) || EXAMPLE_NAME.test(plain) || SAMPLE_DATA.test(plain)) return "docs";
  if (TEST_CODE_PATH.test(plain) || TEST_TREE.test(plain)) return "test";
  if (CREDENTIAL_FILE.test(plain) || (!source && CREDENTIAL_NAME.test(plain))) return "credential";
  if (format !== undefined || CONFIG_SOURCE.test(plain)) return "config";
  return source ? "source" : "other";
}

function classify(path: string): PathClass {
  const plain = path.replace(EXAMPLE_PACKAGE, "/");
  const configFormat = configFormatOf(path);
  const source = SOURCE_FILE.test(path);
  return {
    context: contextOf(plain, configFormat, source),
    ci: CI_SYSTEMS.find(([pattern]) => pattern.test(path))?.[1],
    environment: environmentOf(path),
    generated: LOCKFILE.test(path) ? "lockfile" : MINIFIED.test(path) ? "minified" : undefined,
    configFormat,
    source,
    testOrDoc: DOC_PATH.test(plain) || TEST_CODE_PATH.test(plain),
    translations: TRANSLATIONS.test(path),
  };
}

// Detectors and filters ask about the same path many times per file: classified once, remembered.
const CACHE_LIMIT = 4096;
const cache = new Map<string, PathClass>();

/** Everything a repository-relative posix path says about its file. */
export function classifyPath(path: string): PathClass {
  let found = cache.get(path);
  if (found === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    found = classify(path);
    cache.set(path, found);
  }
  return found;
}

/** The context of a path (see `PathContext`). */
export function pathContextOf(path: string): PathContext {
  return classifyPath(path).context;
}

/** Tests and documentation in the wide sense (config files of test trees and example files included). */
export function isSamplePath(path: string): boolean {
  const { context } = classifyPath(path);
  return context === "test" || context === "docs";
}

/** Whether a path is a CI pipeline definition. */
export function isCiDefinition(path: string): boolean {
  return classifyPath(path).ci !== undefined;
}
