// Where a planted value goes: file paths by syntax, and the line(s) that carry a named value in
// each syntax (`NAME=value`, `name: value`, `"name": "value"`, `name = "value"`…).
import { pickOne } from "./corpus.js";

const ENVS = ["production", "staging", "dev", "local", "test"];
const MODULES = ["billing", "orders", "auth", "search", "notify", "reports", "gateway", "ingest"];

/** A file path of a syntax, drawn from a small pool so that files hold several blocks. */
export function pathFor(syntax, rand) {
  const env = pickOne(rand, ENVS);
  const mod = pickOne(rand, MODULES);
  const Mod = mod[0].toUpperCase() + mod.slice(1);
  const pools = {
    env: [`.env.${env}`, `services/${mod}/.env`, ".env"],
    yaml: [`config/${env}.yaml`, `deploy/${mod}/values.yaml`, `docker-compose.${env}.yml`, `k8s/${env}/${mod}-deployment.yaml`],
    json: [`config/${mod}.${env}.json`, `appsettings.${Mod}.json`, `deploy/ecs/${mod}-task.json`],
    py: [`app/${mod}/settings.py`, `app/${mod}/client.py`, `scripts/${mod}_sync.py`],
    ts: [`src/${mod}/client.ts`, `src/${mod}/config.ts`],
    js: [`lib/${mod}.js`, `server/${mod}/index.js`],
    go: [`internal/${mod}/client.go`, `cmd/${mod}/main.go`],
    java: [`src/main/java/com/acme/${mod}/${Mod}Client.java`, `src/main/kotlin/com/acme/${mod}/${Mod}Config.kt`],
    rb: [`app/services/${mod}_client.rb`, `config/initializers/${mod}.rb`],
    php: [`src/${Mod}/Client.php`, `config/${mod}.php`],
    cs: [`src/Acme.${Mod}/${Mod}Options.cs`],
    sh: [`scripts/deploy-${mod}.sh`, `bin/${mod}-backfill.sh`],
    tf: [`infra/${mod}/main.tf`, `infra/envs/${env}.tfvars`],
    toml: [`config/${mod}.toml`, "pyproject.toml"],
    ini: [`config/${mod}.ini`, "setup.cfg"],
    properties: [`src/main/resources/application-${env}.properties`],
    dockerfile: [`docker/${mod}/Dockerfile`],
    notebook: [`notebooks/${mod}-analysis.ipynb`],
    md: [`docs/${mod}.md`, "README.md", `docs/runbooks/${mod}.md`],
    xml: [`config/${mod}.xml`, `src/main/resources/${mod}-context.xml`],
    raw: [`secrets/${mod}.key`, `certs/${mod}-${env}.pem`],
  };
  return pickOne(rand, pools[syntax]);
}

/** Syntaxes that can carry a one-line named value. */
export const VALUE_SYNTAXES = [
  "env",
  "yaml",
  "json",
  "py",
  "ts",
  "js",
  "go",
  "java",
  "rb",
  "php",
  "cs",
  "sh",
  "tf",
  "toml",
  "properties",
  "dockerfile",
  "notebook",
];

const camel = (name) => name.toLowerCase().replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

/** The line carrying `NAME = value` in a syntax (NAME in UPPER_SNAKE; adapted per language). */
export function valueLine(syntax, name, value, rand) {
  const lower = name.toLowerCase();
  switch (syntax) {
    case "env":
      return rand() < 0.3 ? `${name}="${value}"` : `${name}=${value}`;
    case "yaml":
      return rand() < 0.5 ? `${lower}: ${value}` : `  ${name}: "${value}"`;
    case "json":
      return `  "${camel(name)}": "${value}",`;
    case "py":
    case "notebook":
      return rand() < 0.5 ? `${name} = "${value}"` : `    client = Client(${lower}="${value}")`;
    case "ts":
      return `export const ${camel(name)} = "${value}";`;
    case "js":
      return rand() < 0.5 ? `  ${camel(name)}: '${value}',` : `const ${camel(name)} = "${value}";`;
    case "go":
      return rand() < 0.5 ? `\t${camel(name)} := "${value}"` : `const ${camel(name)} = "${value}"`;
    case "java":
      return `    private static final String ${name} = "${value}";`;
    case "rb":
      return `  ${lower} = '${value}'`;
    case "php":
      return `    '${lower}' => '${value}',`;
    case "cs":
      return `        public string ${camel(name).replace(/^./, (c) => c.toUpperCase())} { get; set; } = "${value}";`;
    case "sh":
      return `export ${name}="${value}"`;
    case "tf":
      return `  ${lower} = "${value}"`;
    case "toml":
      return `${lower} = "${value}"`;
    case "properties":
      return `app.${lower.replace(/_/g, ".")}=${value}`;
    case "dockerfile":
      return `ENV ${name}=${value}`;
    default:
      return `${name}=${value}`;
  }
}

/** The syntax a rule example's text reads as, for a raw (verbatim) plant. */
export function syntaxOfSnippet(text) {
  if (/-----BEGIN|PuTTY-User-Key|---- BEGIN/.test(text) && !/^\s*[\w.-]+:\s*[|>]/m.test(text)) return "raw";
  if (/^\s*[{[]/.test(text) || /^\s*"[\w.-]+"\s*:/.test(text)) return "json";
  if (/^\s*(?:const|let|var|import|export (?:const|default)|module\.exports)|require\(|=>|fetch\(|new [A-Z]\w*\(/m.test(text)) return "js";
  if (/^\s*(?:\$ |curl |export |[A-Z][A-Z0-9_]*=)/m.test(text)) return /^\s*(?:\$ |curl )/m.test(text) ? "sh" : "env";
  if (/^\s*(?:from |import |def |os\.environ)|^\s*[a-z_][a-z0-9_]*\s*=\s*["']/m.test(text)) return "py";
  if (/^\s*<\w/.test(text)) return "xml";
  if (/^\s*[\w."-]+\s*:\s/m.test(text)) return "yaml";
  if (/^\s*[\w.-]+\s*=\s*/m.test(text)) return "ini";
  return "md";
}
