// A project with nhiscan installed (node_modules/nhiscan) and no .gitignore: the package's rule
// files hold format-valid example credentials by design. The package is recognised and skipped
// with a counted reason; everything else, other packages included, is scanned.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { scan } from "../../src/api/scan.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { writeTree } from "../helpers/tree.js";

const RULES = path.resolve(import.meta.dirname, "..", "..", "rules");
const fake = fakeSecrets(2107);

describe("an installed copy of nhiscan", () => {
  test("is skipped as nhiscan-package; the project and other packages are scanned", async () => {
    const app = fake.githubClassicPat();
    const vendored = fake.githubClassicPat();
    const dir = writeTree({
      "src/deploy.sh": `export GITHUB_TOKEN=${app}\n`,
      "node_modules/nhiscan/package.json": JSON.stringify({ name: "nhiscan", version: "0.1.0" }),
      "node_modules/left-pad/config.js": `module.exports = { token: "${vendored}" };\n`,
      "node_modules/not-nhiscan/package.json": JSON.stringify({ name: "something-else" }),
    });
    // The real shipped rule files, examples and all.
    cpSync(RULES, path.join(dir, "node_modules", "nhiscan", "rules"), { recursive: true });
    mkdirSync(path.join(dir, "node_modules", "nhiscan", "dist"), { recursive: true });
    writeFileSync(path.join(dir, "node_modules", "nhiscan", "dist", "builtin-rules.json"), JSON.stringify({ example: `token ${fake.githubClassicPat()}` }));
    const report = await scan({ paths: [dir], workers: 0, showSecrets: true, failOn: ["none"] });
    const secrets = report.items.map((i) => i.secret).sort();
    expect(secrets).toEqual([app, vendored].sort());
    expect(report.stats.skipped["nhiscan-package"]).toBe(1);
    expect(report.warnings).toContainEqual(expect.objectContaining({ path: "node_modules/nhiscan", reason: "nhiscan-package" }));
  });

  test("a folder named nhiscan that is not the package is scanned", async () => {
    const token = fake.githubClassicPat();
    const dir = writeTree({ "node_modules/nhiscan/package.json": JSON.stringify({ name: "typo-squat" }), "node_modules/nhiscan/index.js": `t="${token}"\n` });
    const report = await scan({ paths: [dir], workers: 0, showSecrets: true, failOn: ["none"] });
    expect(report.items.map((i) => i.secret)).toEqual([token]);
  });
});
