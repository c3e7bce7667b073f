import { describe, expect, test } from "vitest";
import { CONTEXT_CONFIDENCE, pathContextOf } from "../../src/detectors/path-context.js";

describe("pathContextOf", () => {
  test.each([
    [".pgpass", "credential"],
    ["home/.netrc", "credential"],
    ["config/master.key", "credential"],
    ["config/database.yml", "config"],
    [".env.production", "config"],
    ["src/main/resources/application.properties", "config"],
    ["mysite/settings.py", "config"],
    ["wp-config.php", "config"],
    ["config/initializers/mail.rb", "config"],
    ["app/models/user.rb", "source"],
    ["scripts/deploy.sh", "source"],
    ["test/models/user_test.rb", "test"],
    ["src/auth.spec.ts", "test"],
    ["test/dummy/config/database.yml", "test"],
    ["spec/fixtures/users.yml", "test"],
    ["README.md", "docs"],
    ["docs/setup/config.yml", "docs"],
    ["config/database.yml.example", "docs"],
    [".env.sample", "docs"],
    ["db/seeds.rb", "docs"],
    ["lib/generators/app/templates/ci.yml.tt", "docs"],
    ["roles/netrc/templates/netrc.j2", "docs"],
    ["src/main/java/com/example/batch/FtpClient.java", "source"],
    ["core/db/sample_data/users.rb", "docs"],
    ["packages/dashboard/e2e/global-setup.ts", "test"],
    ["assets/logo.svg", "other"],
  ])("%s is %s", (path, context) => {
    expect(pathContextOf(path)).toBe(context);
  });

  test("weak passwords: high in credential and config files, medium in source, low in tests and docs", () => {
    expect(CONTEXT_CONFIDENCE).toMatchObject({ credential: "high", config: "high", source: "medium", test: "low", docs: "low" });
  });
});
