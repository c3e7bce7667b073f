import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import type { ScanReport } from "../../src/model/report.js";
import { FORMAT_NAMES } from "../../src/report/format-names.js";
import { visibleText } from "../../src/report/terminal-text.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";
import { createRepo } from "../helpers/git-repo.js";
import type { TestRepo } from "../helpers/git-repo.js";
import { writeTree } from "../helpers/tree.js";

// A repository that tries to drive the reader's terminal: an escape sequence in a file name
// (retitles the window), a bidi override in another, a secret holding an escape (found by a test
// plugin, shown in previews and with --show-secrets), and an author name with one.
const EVIL_FILE = "evil\u001b]0;PWNED\u0007name.env";
const BIDI_FILE = "invoice\u202Egnp.env";
const EVIL_AUTHOR = "Mallory\u001b[8m hidden";
const SECRET_WITH_ESCAPE = `tok_\u001b[2J${fakeSecrets(77).pick("abcdefghijklmnopqrstuvwxyz0123456789", 24)}`;
const pat = fakeSecrets(78).githubClassicPat();

// Any C0 control but line feed and carriage return (CSV ends lines with CRLF), DEL, C1, bidi controls.
const RAW_CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const PLUGIN = `export default { name: "tok", detectors: [{ id: "tok-secret", kind: "token", provider: "tok", severity: "high", triggers: ["tok_"],
  detect(text) { return [...text.matchAll(/tok_[^\\s"]+/g)].map((m) => ({ index: m.index, value: m[0] })); } }] };\n`;

describe("nothing from the scanned repository reaches the terminal raw", () => {
  let repo: TestRepo;
  let plugin: string;
  beforeAll(async () => {
    plugin = path.join(writeTree({ "tok.mjs": PLUGIN }), "tok.mjs");
    repo = await createRepo();
    repo.write({ [EVIL_FILE]: `GITHUB_TOKEN=${pat}\n`, [BIDI_FILE]: `API="${SECRET_WITH_ESCAPE}"\n` });
    await repo.commit("add", { name: EVIL_AUTHOR, email: "m@example.test", date: "2020-01-01T00:00:00+00:00" });
  });

  const modes = [
    ["working tree", [] as string[]],
    ["history", ["--history"]],
  ] as const;
  describe.each(modes)("%s", (_mode, extra) => {
    test.each(FORMAT_NAMES.flatMap((format) => [[format, false] as const, [format, true] as const]))("--format %s (show secrets: %s)", async (format, show) => {
      const { exitCode, stdout, stderr } = await runCli([
        "scan",
        repo.dir,
        ...extra,
        "--plugin",
        plugin,
        "--format",
        format,
        ...(show ? ["--show-secrets"] : []),
      ]);
      expect(exitCode).toBe(1);
      expect(stdout).not.toMatch(RAW_CONTROL);
      expect(stderr).not.toMatch(RAW_CONTROL);
      if (format === "json") {
        // JSON keeps the exact strings: the parsed report has the real file name and author.
        const report = JSON.parse(stdout) as ScanReport;
        expect(report.items.flatMap((i) => i.locations.map((l) => l.path)).sort()).toEqual([EVIL_FILE, BIDI_FILE].sort());
        if (show) expect(report.items.map((i) => i.secret)).toContain(SECRET_WITH_ESCAPE);
        expect(stdout).toContain("\\u202e");
      }
      if (format === "table" || format === "csv") expect(stdout).toContain(visibleText(EVIL_FILE).slice(0, 14));
      if (format === "csv") expect(stdout).toContain("Mallory\\x1b[8m hidden");
      if (show && (format === "table" || format === "csv")) expect(stdout).toContain("tok_\\x1b[2J");
    });
  });

  test("the table spells the escapes out where the reader can see them", async () => {
    const { stdout } = await runCli(["scan", repo.dir, "--plugin", plugin, "--show-secrets"]);
    expect(stdout).toContain("evil\\x1b]0;PWNED\\x07name.env");
    expect(stdout).toContain("invoice\\u202egnp.env");
  });

  test("errors and warnings naming a hostile path are made visible", async () => {
    const missing = await runCli(["scan", path.join(tempDir(), "gone\u001b[2Jdir")]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain("gone\\x1b[2Jdir");
    expect(missing.stderr).not.toMatch(RAW_CONTROL);
    const broken = writeTree({
      "b.mjs":
        'export default { name: "b\\u001b]0;X\\u0007", detectors: [{ id: "b-k", kind: "token", provider: "b", severity: "low", detect() { throw new Error("bad\\u001b[2J"); } }] };\n',
    });
    const root = writeTree({ "a.txt": "hello\n" });
    const warned = await runCli(["scan", root, "--plugin", path.join(broken, "b.mjs")]);
    expect(warned.stderr).toContain("plugin b\\x1b]0;X\\x07: detector b-k threw: bad\\x1b[2J");
    expect(warned.stderr).not.toMatch(RAW_CONTROL);
    const listed = await runCli(["rules", "list", "--plugin", path.join(broken, "b.mjs")]);
    expect(listed.stdout).toContain("plugin b\\x1b]0;X\\x07");
    expect(listed.stdout).not.toMatch(RAW_CONTROL);
  });
});
