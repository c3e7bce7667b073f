// Generates a reproducible tree of realistic source and config files with planted fake
// credentials, for the throughput benchmark. Usage: node bench/generate-tree.js DIR [MB]
import { mkdirSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fakeSecrets, prng } from "../scripts/fake-secrets.js";

const WORDS =
  "const let value config user account request response handler service client server index data items result error status token cache query update delete create fetch stream buffer parse render module export import default return async await function class interface type string number boolean".split(
    " ",
  );

function makeLine(rand, kind) {
  const w = () => WORDS[Math.floor(rand() * WORDS.length)];
  const n = () => Math.floor(rand() * 10000);
  switch (kind) {
    case "ts":
      return rand() < 0.5
        ? `  const ${w()}${n()} = await ${w()}.${w()}(${w()}, ${n()});`
        : `  if (${w()}.${w()} !== ${n()}) return ${w()}("${w()} ${w()} ${w()}");`;
    case "py":
      return rand() < 0.5 ? `    ${w()}_${n()} = self.${w()}(${w()}, ${n()})` : `    logger.info("%s ${w()} ${w()}", ${w()})`;
    case "go":
      return `\t${w()}${n()}, err := ${w()}.${w()}(ctx, ${n()}) // ${w()} ${w()}`;
    case "yaml":
      return `  ${w()}_${w()}: ${rand() < 0.5 ? n() : `"${w()}-${w()}"`}`;
    case "json":
      return `  "${w()}${n()}": { "${w()}": ${n()}, "${w()}": "${w()} ${w()}" },`;
    default:
      return `${w()} ${w()} ${w()} ${w()} ${n()} ${w()} ${w()}.`;
  }
}

const KINDS = [
  ["ts", "src", ".ts"],
  ["py", "app", ".py"],
  ["go", "pkg", ".go"],
  ["yaml", "deploy", ".yaml"],
  ["json", "config", ".json"],
  ["md", "docs", ".md"],
];

export function generateTree(dir, megabytes = 200, seed = 1) {
  const marker = path.join(dir, ".generated");
  const signature = `${megabytes}:${seed}`;
  if (existsSync(marker) && readFileSync(marker, "utf8") === signature) return { dir, reused: true };
  const rand = prng(seed);
  const fake = fakeSecrets(seed);
  const planters = [fake.githubClassicPat, fake.awsAccessKeyId, fake.stripeLiveKey, fake.slackBotToken, fake.npmToken, fake.openAiKey];
  const target = megabytes * 1024 * 1024;
  let written = 0;
  let file = 0;
  let planted = 0;
  while (written < target) {
    const [kind, folder, ext] = KINDS[file % KINDS.length];
    const sub = path.join(dir, folder, `m${Math.floor(file / 200)}`);
    if (file % 200 < KINDS.length) mkdirSync(sub, { recursive: true });
    const lines = [];
    const count = 200 + Math.floor(rand() * 600);
    for (let i = 0; i < count; i++) lines.push(makeLine(rand, kind));
    if (file % 50 === 0) {
      const secret = planters[planted++ % planters.length]();
      lines.splice(Math.floor(rand() * lines.length), 0, `  apiToken = "${secret}"`);
    }
    const text = `${lines.join("\n")}\n`;
    writeFileSync(path.join(sub, `f${file}${ext}`), text);
    written += Buffer.byteLength(text);
    file++;
  }
  writeFileSync(marker, signature);
  return { dir, reused: false, files: file, bytes: written, planted };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  const [dir, mb] = process.argv.slice(2);
  console.log(generateTree(path.resolve(dir ?? "bench/.work/tree"), Number(mb ?? 200)));
}
