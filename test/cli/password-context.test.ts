import { describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import { runCli } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { writeTree } from "../helpers/tree.js";

const fake = fakeSecrets(77);
/** One weak password per file (seeded fakes), so each finding is its own credential. */
const weak = () => `${fake.pick("ABCDEFGHJKLMNPQRSTUVWXYZ", 1)}${fake.pick("abcdefghijkmnopqrstuvwxyz", 5)}${fake.pick("23456789", 2)}!`;

function tree(): string {
  return writeTree({
    // config: high
    "config/database.yml": `production:\n  adapter: postgresql\n  password: ${weak()}\n`,
    "wp-config.php": `<?php\ndefine( 'DB_PASSWORD', '${weak()}' );\n`,
    // source: medium
    "app/services/mailer.py": `smtp_password = "${weak()}"\n`,
    "scripts/backup.sh": `#!/bin/sh\nsshpass -p '${weak()}' ssh backup@db01 pg_dumpall\n`,
    // a comment in source: low, a usage sample
    "lib/client.rb": `# Client.new(user: "ops", password: "${weak()}")\nclass Client; end\n`,
    // tests and docs: low, and then samples
    "test/models/user_test.rb": `user = User.new(password: "${weak()}")\n`,
    "test/dummy/config/database.yml": `test:\n  password: ${weak()}\n`,
    "docs/setup.md": `Run \`mysql -u root -p${weak()} app\`.\n`,
    // never findings
    "app/views.py": 'password = request.form["password"]\nif password == "{{ password }}": pass\n',
  });
}

const confidences = (report: ScanReport) =>
  Object.fromEntries(report.items.flatMap((i) => i.locations.map((l) => [l.path, `${l.ruleId} ${l.confidence ?? "?"}`])));

describe("weak passwords: confidence from the file's context, end to end", () => {
  test("config high, source medium; comments, tests and docs are low, samples (suppressed and counted)", async () => {
    const { exitCode, stdout } = await runCli(["scan", tree(), "--format", "json"]);
    expect(exitCode).toBe(1);
    const report = JSON.parse(stdout) as ScanReport;
    expect(confidences(report)).toEqual({
      "config/database.yml": "structured-config high",
      "wp-config.php": "password-literal high",
      "app/services/mailer.py": "password-literal medium",
      "scripts/backup.sh": "generic-sshpass-password medium",
    });
    expect(report.stats.suppressed["false-positive:documentation-or-test"]).toBe(4);
  });

  test("--min-confidence medium keeps config and source, --min-confidence high only config", async () => {
    const dir = tree();
    const paths = async (level: string) => {
      const { stdout } = await runCli(["scan", dir, "--format", "json", "--min-confidence", level]);
      return (JSON.parse(stdout) as ScanReport).items.flatMap((i) => i.locations.map((l) => l.path)).sort();
    };
    expect(await paths("medium")).toEqual(["app/services/mailer.py", "config/database.yml", "scripts/backup.sh", "wp-config.php"]);
    expect(await paths("high")).toEqual(["config/database.yml", "wp-config.php"]);
  });
});
