// Writes bench/reference-text/: ordinary code and docs without credentials (TypeScript, Python,
// Go, Ruby, Java, YAML, Markdown, shell), on which `rules check` measures how much text each
// rule's keywords let through. Its vocabulary is that of everyday code: path, pattern, task,
// check, both, field_, add_, metadata, request.body, social… (the words that short keywords hit).
// Deterministic: node scripts/reference-text.js regenerates the same files.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prng } from "./fake-secrets.js";

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "bench", "reference-text");
const WORDS = (
  "path pattern patch task ask disk desk risk skip skill skeleton check checked checkout both bottom robot about " +
  "field build child old add added address metadata meta data social associate special official session security " +
  "storage blob github gitlab docker compose service client server " +
  "request response body status list item items index value values key keys token tokens secret config settings " +
  "user users account accounts admin auth login logout password hash cache query update delete create fetch stream " +
  "buffer parse render module export import default return async await function class interface type string number " +
  "boolean error errors result results handler handlers event events queue worker workers job jobs schedule timer " +
  "logger log debug info warn trace span metric metrics count total size length offset limit page pages order sort " +
  "filter map reduce apply call bind scope state store model view controller route router path params header headers " +
  "cookie csrf cors origin host port url uri endpoint api version release tag branch commit merge rebase diff pull " +
  "push origin remote local test tests spec describe expect assert mock stub fixture sample example demo docs guide"
).split(" ");

const pick = (rand, list) => list[Math.floor(rand() * list.length)];
const ident = (rand, sep) => `${pick(rand, WORDS)}${sep}${pick(rand, WORDS)}`;
const camel = (rand) => {
  const w = pick(rand, WORDS);
  return `${pick(rand, WORDS)}${w[0].toUpperCase()}${w.slice(1)}`;
};
const sentence = (rand, n) => Array.from({ length: n }, () => pick(rand, WORDS)).join(" ");
const num = (rand) => Math.floor(rand() * 10000);

const LANGS = {
  ts: (r) =>
    pick(r, [
      `  const ${camel(r)} = await ${pick(r, WORDS)}.${camel(r)}(${pick(r, WORDS)}, ${num(r)});`,
      `  if (request.body.${camel(r)} !== undefined) return ${camel(r)}(path.join(root, "${ident(r, "-")}"));`,
      `export function ${camel(r)}(${pick(r, WORDS)}: string, options: ${camel(r)}Options = {}): Promise<void> {`,
      `  // ${sentence(r, 9)}`,
      `  for (const ${pick(r, WORDS)} of ${pick(r, WORDS)}.list()) ${pick(r, WORDS)}.add(${pick(r, WORDS)}.${pick(r, WORDS)});`,
    ]),
  py: (r) =>
    pick(r, [
      `    ${ident(r, "_")} = self.${ident(r, "_")}(${pick(r, WORDS)}, ${num(r)})`,
      `    logger.info("%s ${sentence(r, 3)}", ${pick(r, WORDS)})`,
      `def ${ident(r, "_")}(self, ${pick(r, WORDS)}=None, **kwargs):`,
      `    # ${sentence(r, 10)}`,
      `    return os.path.join(settings.BASE_DIR, "${pick(r, WORDS)}", ${pick(r, WORDS)}_field)`,
    ]),
  go: (r) =>
    pick(r, [
      `\t${camel(r)}, err := ${pick(r, WORDS)}.${camel(r)}(ctx, ${num(r)}) // ${sentence(r, 4)}`,
      `\tif err != nil {\n\t\treturn nil, fmt.Errorf("${sentence(r, 3)}: %w", err)\n\t}`,
      `func (s *${camel(r)}) ${camel(r)}(ctx context.Context, ${pick(r, WORDS)} string) error {`,
    ]),
  rb: (r) =>
    pick(r, [
      `    ${ident(r, "_")} = ${pick(r, WORDS)}.${ident(r, "_")}(${pick(r, WORDS)}: ${num(r)})`,
      `  def ${ident(r, "_")}(${pick(r, WORDS)})`,
      `  # ${sentence(r, 8)}`,
      `    assert_equal ${num(r)}, @${pick(r, WORDS)}.${pick(r, WORDS)}_count`,
    ]),
  java: (r) =>
    pick(r, [
      `    private final ${camel(r)} ${camel(r)} = new ${camel(r)}(${num(r)});`,
      `    public ${camel(r)} ${camel(r)}(String ${pick(r, WORDS)}) throws IOException {`,
      `        return this.${camel(r)}.stream().filter(x -> x.${camel(r)}() > ${num(r)}).toList();`,
    ]),
  yaml: (r) =>
    pick(r, [
      `  ${ident(r, "_")}: ${r() < 0.5 ? num(r) : `"${ident(r, "-")}"`}`,
      `  - name: ${sentence(r, 3)}\n    run: npm run ${pick(r, WORDS)}`,
      `${pick(r, WORDS)}:\n  ${pick(r, WORDS)}: ${pick(r, WORDS)}`,
    ]),
  md: (r) =>
    pick(r, [
      `${sentence(r, 14)}.`,
      `## ${sentence(r, 3)}`,
      `- \`${ident(r, "-")}\`: ${sentence(r, 8)}`,
      `See [${sentence(r, 2)}](https://example.com/${ident(r, "/")}) for ${sentence(r, 4)}.`,
    ]),
  sh: (r) =>
    pick(r, [
      `${pick(r, WORDS)}_${pick(r, WORDS)}="$(${pick(r, WORDS)} --${ident(r, "-")} "$1")"`,
      `if [ -f "$${pick(r, WORDS).toUpperCase()}_PATH" ]; then ${pick(r, WORDS)} "$@"; fi`,
    ]),
};

mkdirSync(out, { recursive: true });
const rand = prng(19);
for (const [ext, line] of Object.entries(LANGS)) {
  for (let f = 0; f < 4; f++) {
    const lines = [];
    for (let size = 0; size < 12_000; ) {
      const l = line(rand);
      lines.push(l);
      size += l.length + 1;
    }
    writeFileSync(path.join(out, `${ext}-${f}.${ext}.txt`), `${lines.join("\n")}\n`);
  }
}
