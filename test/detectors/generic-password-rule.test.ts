import { describe, expect, test } from "vitest";
import { detector as regex } from "../../src/detectors/regex.js";
import { detector as railsMasterKey } from "../../src/detectors/rails-master-key.js";
import { detect } from "../helpers/detect.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";

const fake = fakeSecrets(73);
const weak = () => `${fake.pick("ABCDEFGHJKLMNPQRSTUVWXYZ", 1)}${fake.pick("abcdefghijkmnopqrstuvwxyz", 5)}${fake.pick("23456789", 2)}!`;
const ruleIds = (text: string, path: string) => detect(regex, text, path).map((c) => c.ruleId);

describe("generic password rules (rules/commands.yaml): values vetted, confidence from the file", () => {
  test.each([
    ["sshpass in a script", "generic-sshpass-password", "deploy/push.sh", (v: string) => `sshpass -p '${v}' ssh deploy@web01 uptime`, "medium"],
    ["mysql -p in a compose file", "generic-mysql-cli-password", "docker-compose.yml", (v: string) => `    command: mysqldump -u backup -p${v} orders`, "high"],
    [
      "a connection string in web.config",
      "generic-connection-string-password",
      "web.config",
      (v: string) => `<add name="Db" connectionString="Server=sql01;Database=orders;User Id=app;Password=${v};" />`,
      "high",
    ],
    ["NetworkCredential in C#", "generic-network-credential", "src/Mailer.cs", (v: string) => `new NetworkCredential("svc_mail", "${v}")`, "medium"],
    [
      "ConvertTo-SecureString in PowerShell",
      "generic-powershell-securestring",
      "ops/setup.ps1",
      (v: string) => `ConvertTo-SecureString "${v}" -AsPlainText -Force`,
      "medium",
    ],
    ["curl -u in docs", "generic-curl-user-password", "docs/api.md", (v: string) => `curl -u deploy:${v} https://nexus.acme.io/service/rest`, "low"],
    [
      "Gradle credentials",
      "generic-gradle-credentials-password",
      "build.gradle",
      (v: string) => `credentials {\n  username 'deploy'\n  password '${v}'\n}`,
      "medium",
    ],
  ])("%s", (_name, ruleId, path, render, confidence) => {
    const value = weak();
    const found = detect(regex, render(value), path).filter((c) => c.ruleId === ruleId);
    expect(found).toMatchObject([{ secret: value, kind: "password", provider: "generic", confidence }]);
  });

  test.each([
    ["a placeholder word", "sshpass -p changeme ssh deploy@web01"],
    ["a variable in another syntax", "sshpass -p @@SSH_PASS@@ ssh deploy@web01"],
    ["a word", "mysql -u root -proot orders"],
    ["a number (ssh's port flag)", "sshpass -f pw.txt ssh -p 2222 deploy@web01"],
  ])("%s is not a finding", (_name, text) => {
    expect(ruleIds(text, "deploy/push.sh").filter((id) => id.startsWith("generic-"))).toEqual([]);
  });
});

describe("framework secrets", () => {
  test.each([
    ["Rails secret_key_base", "rails-secret-key-base", "config/secrets.yml", () => `production:\n  secret_key_base: ${fake.hex(128)}\n`],
    ["RAILS_MASTER_KEY", "rails-master-key-env", ".env.production", () => `RAILS_MASTER_KEY=${fake.hex(32)}\n`],
    ["Symfony APP_SECRET", "symfony-app-secret", ".env", () => `APP_ENV=prod\nAPP_SECRET=${fake.hex(32)}\n`],
    ["Laravel APP_KEY", "laravel-app-key", ".env", () => `APP_KEY=base64:${Buffer.from(fake.hex(64), "hex").toString("base64")}\n`],
  ])("%s", (_name, ruleId, path, render) => {
    expect(ruleIds(render(), path)).toContain(ruleId);
  });

  test("config/master.key is found by its path, and only there", () => {
    const key = fake.hex(32);
    expect(detect(railsMasterKey, `${key}\n`, "config/master.key")).toMatchObject([{ secret: key, provider: "rails", confidence: "high" }]);
    expect(detect(railsMasterKey, `${key}\n`, "config/credentials/production.key")).toHaveLength(1);
    expect(detect(railsMasterKey, `${key}\n`, "checksums/master.key")).toEqual([]);
    expect(detect(railsMasterKey, "<%= ENV['RAILS_MASTER_KEY'] %>\n", "config/master.key")).toEqual([]);
  });
});
