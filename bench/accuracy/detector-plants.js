// Plants for the detector families that need no provider format: JWTs, credentials in URLs,
// secret-named config keys, high-entropy assignments in code, and encoded provider secrets.
import { pathFor, VALUE_SYNTAXES, valueLine } from "./carriers.js";
import { pickOne } from "./corpus.js";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SYMBOLS = "!#%^*-_+~";
const HOSTS = [
  "db-prod-01.internal.acme.io",
  "orders-primary.c9akciq32.eu-west-1.rds.amazonaws.com",
  "10.20.4.17",
  "mq.acme.net",
  "cache-1.acme.internal",
  "ldap.corp.acme.com",
];

/** A password people pick for services: mixed classes, 12–20 characters. */
export function strongPassword(pick, rand) {
  const n = 12 + Math.floor(rand() * 9);
  let out = "";
  for (let i = 0; i < n; i++) out += pick(rand() < 0.15 ? SYMBOLS : BASE62, 1);
  return /\d/.test(out) ? out : `${out}7`;
}

function jwtFor(pick, rand) {
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const now = 1_700_000_000 + Math.floor(rand() * 50_000_000);
  const claims = {
    iss: pickOne(rand, ["https://auth.acme.io", "acme-sso", "https://login.acme.com/tenant"]),
    sub: `svc-${pick(BASE62, 8)}`,
    aud: "api",
    iat: now,
  };
  if (rand() < 0.7) claims.exp = now + 3600 * (1 + Math.floor(rand() * 5000));
  const alg = pickOne(rand, ["HS256", "RS256", "ES256"]);
  return `${enc({ alg, typ: "JWT" })}.${enc(claims)}.${Buffer.from(pick(BASE62, alg === "HS256" ? 32 : 64)).toString("base64url")}`;
}

export function plantJwts(corpus, fake, rand, count) {
  for (let i = 0; i < count; i++) {
    const token = jwtFor(fake.pick, rand);
    const truth = { family: "jwt", rule: "jwt", secret: token, kind: "token" };
    if (rand() < 0.3) corpus.add(pathFor("sh", rand), `curl -H "Authorization: Bearer ${token}" https://api.acme.io/v1/orders`, truth);
    else {
      const syntax = pickOne(rand, VALUE_SYNTAXES);
      corpus.add(pathFor(syntax, rand), valueLine(syntax, pickOne(rand, ["SERVICE_TOKEN", "ACCESS_TOKEN", "ID_TOKEN", "API_JWT"]), token, rand), truth);
    }
  }
}

export function plantUriCredentials(corpus, fake, rand, count) {
  const schemes = ["postgres", "postgresql", "mysql", "mongodb+srv", "mongodb", "redis", "rediss", "amqps", "mssql", "ftp", "sftp", "ldaps", "smtp", "https"];
  for (let i = 0; i < count; i++) {
    const password = strongPassword(fake.pick, rand).replace(/[#^%+~]/g, "x");
    const scheme = pickOne(rand, schemes);
    const url = `${scheme}://${pickOne(rand, ["app", "svc_orders", "deploy", "reporting", "admin_ro"])}:${password}@${pickOne(rand, HOSTS)}${scheme.startsWith("http") ? "/api" : ":5432/main"}`;
    const syntax = pickOne(rand, ["env", "yaml", "json", "py", "ts", "go", "java", "properties", "toml", "dockerfile", "sh", "md"]);
    const line =
      syntax === "md"
        ? `Connect with \`${url}\` from the bastion.`
        : valueLine(syntax, pickOne(rand, ["DATABASE_URL", "BROKER_URL", "CACHE_URL", "UPSTREAM_URL"]), url, rand);
    corpus.add(pathFor(syntax, rand), line, { family: "uri-credentials", rule: "uri-credentials", secret: password, kind: "connection-string" });
  }
}

const CONFIG_NAMES = [
  "DB_PASSWORD",
  "SMTP_PASS",
  "API_KEY",
  "CLIENT_SECRET",
  "SECRET_KEY",
  "JWT_SECRET",
  "ENCRYPTION_KEY",
  "ACCESS_TOKEN",
  "AUTH_TOKEN",
  "REDIS_PASSWORD",
  "MYSQL_ROOT_PASSWORD",
  "WEBHOOK_SECRET",
  "SIGNING_KEY",
  "ADMIN_PASSWORD",
];

/** A config value: a human password, a random token, or a hex key. */
function configValue(fake, rand) {
  const r = rand();
  if (r < 0.4) return strongPassword(fake.pick, rand);
  if (r < 0.75) return fake.pick(BASE62, 24 + Math.floor(rand() * 24));
  return fake.hex(pickOne(rand, [32, 48, 64]));
}

export function plantStructuredConfig(corpus, fake, rand, count) {
  const syntaxes = ["env", "yaml", "json", "properties", "toml", "tf", "dockerfile", "ini"];
  for (let i = 0; i < count; i++) {
    const name = pickOne(rand, CONFIG_NAMES);
    const value = configValue(fake, rand);
    const truth = { family: "structured-config", rule: "structured-config", secret: value, kind: "password" };
    const r = rand();
    if (r < 0.08) corpus.add(".netrc", [`machine api.acme.io`, `  login deploy`, `  password ${value}`], truth);
    else if (r < 0.16) corpus.add(pathFor("yaml", rand), ["        env:", `          - name: ${name}`, `            value: "${value}"`], truth);
    else if (r < 0.22) corpus.add(pathFor("json", rand), [`    { "name": "${name}", "value": "${value}" },`], truth);
    else if (r < 0.28) corpus.add(pathFor("yaml", rand), ["    environment:", `      - ${name}=${value}`], truth);
    else if (r < 0.36) plantKubernetesSecret(corpus, name, value, truth, rand);
    else {
      const syntax = pickOne(rand, syntaxes);
      corpus.add(pathFor(syntax, rand), valueLine(syntax === "ini" ? "toml" : syntax, name, value, rand), truth);
    }
  }
}

function plantKubernetesSecret(corpus, name, value, truth, rand) {
  const key = name.toLowerCase().replace(/_/g, "-");
  const literal = rand() < 0.7;
  const lines = ["---", "apiVersion: v1", "kind: Secret", "metadata:", `  name: ${key}-${Math.floor(rand() * 100)}`, "type: Opaque"];
  lines.push(...(literal ? ["data:", `  ${key}: ${Buffer.from(value).toString("base64")}`] : ["stringData:", `  ${key}: "${value}"`]));
  corpus.add(pathFor("yaml", rand).replace(/values\.yaml$/, "secret.yaml"), lines, truth);
}

const CODE_NAMES = [
  "apiSecret",
  "api_token",
  "clientSecret",
  "SECRET_KEY",
  "authToken",
  "signing_secret",
  "serviceToken",
  "privateToken",
  "access_key",
  "db_password",
];

/** Shapes beyond `name = "value"`: dict and object literals, struct fields, setter calls, typed constants. */
const CODE_SHAPES = [
  ["py", (v) => `config = {"api_key": "${v}", "timeout": 30}`],
  ["js", (v) => `  headers: { "X-Api-Key": "${v}", Accept: "application/json" },`],
  ["go", (v) => `		APIToken:   "${v}",`],
  ["java", (v) => `        props.setProperty("db.password", "${v}");`],
  ["rb", (v) => `  api_secret: "${v}",`],
  ["php", (v) => `define('API_SECRET', '${v}');`],
  ["ts", (v) => `  private readonly clientSecret = "${v}";`],
  ["java", (v) => `    val signingSecret = "${v}"`],
  ["rs", (v) => `const API_TOKEN: &str = "${v}";`],
  ["swift", (v) => `    let apiSecret = "${v}"`],
  ["sh", (v) => `export SERVICE_TOKEN=${v}`],
];

function codeValue(fake, rand) {
  const r = rand();
  return r < 0.55 ? fake.pick(BASE62, 28 + Math.floor(rand() * 20)) : r < 0.8 ? Buffer.from(fake.pick(BASE62, 30)).toString("base64") : fake.hex(40);
}

export function plantGenericAssignments(corpus, fake, rand, count) {
  const syntaxes = ["py", "ts", "js", "go", "java", "rb", "php", "cs", "sh", "notebook"];
  for (let i = 0; i < count; i++) {
    const value = codeValue(fake, rand);
    const truth = { family: "generic-assignment", rule: "generic-assignment", secret: value, kind: "api-key" };
    if (i % 3 === 0) {
      const [syntax, shape] = pickOne(rand, CODE_SHAPES);
      corpus.add(syntax === "rs" || syntax === "swift" ? `src/${i}/lib.${syntax}` : pathFor(syntax, rand), shape(value), truth);
      continue;
    }
    const syntax = pickOne(rand, syntaxes);
    const name = pickOne(rand, CODE_NAMES);
    const constant = name.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
    corpus.add(pathFor(syntax, rand), valueLine(syntax, constant, value, rand), truth);
  }
}

export function plantEncoded(corpus, fake, rand, count) {
  for (let i = 0; i < count; i++) {
    const r = rand();
    if (r < 0.35) {
      const token = fake.githubClassicPat();
      const basic = Buffer.from(`ci-bot:${token}`).toString("base64");
      corpus.add(pathFor("sh", rand), `curl -H "Authorization: Basic ${basic}" https://git.acme.io/api/v4/projects`, {
        family: "encoded",
        rule: "github-classic-pat",
        secret: token,
        kind: "token",
      });
    } else if (r < 0.65) {
      const token = fake.slackWebhook();
      corpus.add(pathFor("yaml", rand), `notify_url: https://relay.acme.io/forward?target=${encodeURIComponent(token)}`, {
        family: "encoded",
        rule: "slack-incoming-webhook",
        secret: token,
        kind: "webhook",
      });
    } else {
      const token = fake.npmToken();
      const blob = Buffer.from(`registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${token}\n`).toString("base64");
      corpus.add(pathFor("env", rand), `NPMRC_B64=${blob}`, { family: "encoded", rule: "npm-access-token", secret: token, kind: "token" });
    }
  }
}
