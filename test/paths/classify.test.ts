import { describe, expect, test } from "vitest";
import { CONTEXT_CONFIDENCE, classifyPath, configFormatOf, environmentOf, isCiDefinition, pathContextOf } from "../../src/paths/classify.js";

// One table per question the path model answers; every row is a path seen in real repositories.
describe("path context", () => {
  test.each([
    [".pgpass", "credential"],
    ["home/.netrc", "credential"],
    ["config/master.key", "credential"],
    [".git-credentials", "credential"],
    [".aws/credentials", "credential"],
    ["credentials.txt", "credential"],
    ["backup/passwords.csv", "credential"],
    ["secrets.txt", "credential"],
    ["ops/api_keys.txt", "credential"],
    ["keys.txt", "credential"],
    ["logins", "credential"],
    ["accounts.json", "credential"],
    ["config/secrets.yml", "credential"],
    ["secrets.bak", "credential"],
    ["config/database.yml", "config"],
    [".env.production", "config"],
    [".env", "config"],
    ["src/main/resources/application.properties", "config"],
    ["mysite/settings.py", "config"],
    ["wp-config.php", "config"],
    ["config/initializers/mail.rb", "config"],
    ["docker-compose.yml", "config"],
    ["infra/main.tf", "config"],
    ["app/models/user.rb", "source"],
    ["app/controllers/accounts_controller.rb", "source"],
    ["lib/secrets.rb", "source"],
    ["src/login.ts", "source"],
    ["scripts/deploy.sh", "source"],
    ["Jenkinsfile", "source"],
    ["test/models/user_test.rb", "test"],
    ["src/auth.spec.ts", "test"],
    ["test/dummy/config/database.yml", "test"],
    ["spec/fixtures/users.yml", "test"],
    ["spec/fixtures/credentials.json", "test"],
    ["pkg/auth/auth_test.go", "test"],
    ["README.md", "docs"],
    ["guides/source/security.md", "docs"],
    ["docs/setup/config.yml", "docs"],
    ["docs/notes.txt", "docs"],
    ["doc/index.rst", "docs"],
    ["manual/setup.adoc", "docs"],
    ["website/pages/api.mdx", "docs"],
    ["config/database.yml.example", "docs"],
    [".env.sample", "docs"],
    ["db/seeds.rb", "docs"],
    ["lib/generators/app/templates/ci.yml.tt", "docs"],
    ["roles/netrc/templates/netrc.j2", "docs"],
    ["core/db/sample_data/users.rb", "docs"],
    ["examples/basic/main.py", "docs"],
    ["src/main/java/com/example/batch/FtpClient.java", "source"],
    ["packages/dashboard/e2e/global-setup.ts", "test"],
    ["assets/logo.svg", "other"],
    ["notes", "other"],
    ["notes.txt", "other"],
    ["deploy.log", "other"],
    ["app.cfg.bak", "other"],
    ["config.old", "other"],
    ["settings.orig", "other"],
    ["session.save", "other"],
    ["build.out", "other"],
    ["public/index.html", "other"],
    ["login.html", "other"],
    ["CHANGELOG", "other"],
  ])("%s is %s", (path, context) => {
    expect(pathContextOf(path)).toBe(context);
  });

  test("confidence: high in credential and config files, medium in source and other text, low in tests and docs", () => {
    expect(CONTEXT_CONFIDENCE).toEqual({ credential: "high", config: "high", source: "medium", other: "medium", test: "low", docs: "low" });
  });
});

describe("CI system", () => {
  test.each([
    [".github/workflows/ci.yml", "github-actions"],
    [".github/workflows/release.yaml", "github-actions"],
    [".github/actions/setup/action.yml", "github-actions"],
    ["action.yml", "github-actions"],
    [".gitlab-ci.yml", "gitlab-ci"],
    ["ci/templates/deploy.gitlab-ci.yml", "gitlab-ci"],
    [".circleci/config.yml", "circleci"],
    ["azure-pipelines.yml", "azure-pipelines"],
    ["build/azure-pipelines-release.yml", "azure-pipelines"],
    [".azure-pipelines/templates/build.yml", "azure-pipelines"],
    ["Jenkinsfile", "jenkins"],
    ["ci/Jenkinsfile.release", "jenkins"],
    ["deploy.jenkinsfile", "jenkins"],
    ["jenkins/pipelines/deploy.groovy", "jenkins"],
    ["bitbucket-pipelines.yml", "bitbucket-pipelines"],
    [".travis.yml", "travis-ci"],
    [".buildkite/pipeline.yml", "buildkite"],
    [".drone.yml", "drone"],
    [".github/dependabot.yml", undefined],
    ["src/build.gradle", undefined],
    ["lib/Helper.groovy", undefined],
    ["docs/ci.yml", undefined],
    ["workflows/ci.yml", undefined],
  ])("%s is %s", (path, system) => {
    expect(classifyPath(path).ci).toBe(system);
    expect(isCiDefinition(path)).toBe(system !== undefined);
  });
});

describe("environment", () => {
  test.each([
    [".env.production", "production"],
    ["k8s/prod/deployment.yaml", "production"],
    ["config/environments/production.rb", "production"],
    ["deploy/live-eu/values.yaml", "production"],
    ["config/staging.yml", "staging"],
    ["helm/values-uat.yaml", "staging"],
    [".env.local", "development"],
    ["config/dev.json", "development"],
    ["spec/fixtures/users.yml", "test"],
    ["config/database.yml", undefined],
    ["src/product/catalog.ts", undefined],
    ["prod-eu", "production"],
  ])("%s is %s", (path, env) => {
    expect(environmentOf(path)).toBe(env);
    expect(classifyPath(path).environment).toBe(env);
  });
});

describe("generated files and formats", () => {
  test.each([
    ["package-lock.json", "lockfile"],
    ["frontend/yarn.lock", "lockfile"],
    ["go.sum", "lockfile"],
    [".terraform.lock.hcl", "lockfile"],
    ["public/js/app.min.js", "minified"],
    ["dist/main.js", "minified"],
    ["static/app-bundle.js", "minified"],
    ["src/app.js", undefined],
    ["package.json", undefined],
  ])("%s is %s", (path, generated) => {
    expect(classifyPath(path).generated).toBe(generated);
  });

  test.each([
    [".env.production", "env"],
    ["Dockerfile", "dockerfile"],
    ["app.ini", "ini"],
    ["setup.cfg", "ini"],
    ["application.properties", "properties"],
    ["pyproject.toml", "toml"],
    ["main.tf", "terraform"],
    ["values.yaml", "yaml"],
    ["appsettings.json", "json"],
    ["web.config", "xml"],
    ["app.cfg.bak", undefined],
    ["notes.txt", undefined],
    ["src/app.ts", undefined],
  ])("%s reads as %s", (path, format) => {
    expect(configFormatOf(path)).toBe(format);
  });

  test("narrow test-or-doc and translations", () => {
    expect(classifyPath("spec/models/user_spec.rb").testOrDoc).toBe(true);
    expect(classifyPath("README.md").testOrDoc).toBe(true);
    expect(classifyPath("test/dummy/config/database.yml").testOrDoc).toBe(false);
    expect(classifyPath("notes.txt").testOrDoc).toBe(false);
    expect(classifyPath("config/locales/en.yml").translations).toBe(true);
    expect(classifyPath("config/app.yml").translations).toBe(false);
  });
});
