// Decoys: realistic values that look like secrets and are not (hashes, ids, lockfile integrity,
// placeholders, references, test vectors, public keys, minified code, translations). Every decoy
// line that yields a finding is a false positive. Values are generated, never copied.
import { createHash, generateKeyPairSync } from "node:crypto";
import { pathFor } from "./carriers.js";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function uuidFrom(hex) {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function hashDecoys(corpus, fake, rand) {
  const sha = () => fake.hex(40);
  const add = (syntax, line) => corpus.add(pathFor(syntax, rand), line, undefined, true);
  add("yaml", `request_id: ${uuidFrom(fake.hex(32))}`);
  add("json", `  "tenantId": "${uuidFrom(fake.hex(32))}",`);
  add("ts", `const correlationId = "${uuidFrom(fake.hex(32))}";`);
  add("yaml", `      - uses: actions/setup-node@${sha()} # v4.0.2`);
  add("json", `  "gitHead": "${sha()}",`);
  add("yaml", `commit: ${sha()}`);
  add("env", `GIT_COMMIT_SHA=${sha()}`);
  add("tf", `  source = "git::https://github.com/acme/tf-modules.git//vpc?ref=${sha()}"`);
  add("yaml", `    image: nginx@sha256:${fake.hex(64)}`);
  add("json", `  "etag": "${fake.hex(32)}",`);
  add("py", `EXPECTED_SHA256 = "${fake.hex(64)}"`);
  add("yaml", `  checksum: sha256:${fake.hex(64)}`);
  add("go", `\tconst contentHash = "${fake.hex(64)}"`);
  add(
    "md",
    `<script src="https://cdn.acme.io/app.js" integrity="sha384-${Buffer.from(fake.hex(48), "hex").toString("base64")}" crossorigin="anonymous"></script>`,
  );
}

function lockfiles(corpus, fake) {
  const sri = () => `sha512-${Buffer.from(fake.hex(128), "hex").toString("base64")}`;
  const pkgs = ["left-pad", "lodash", "chalk", "semver", "debug"];
  const lock = [];
  for (const name of pkgs)
    lock.push(
      `    "node_modules/${name}": {`,
      `      "version": "1.2.3",`,
      `      "resolved": "https://registry.npmjs.org/${name}/-/${name}-1.2.3.tgz",`,
      `      "integrity": "${sri()}"`,
      "    },",
    );
  corpus.add("package-lock.json", lock, undefined, true);
  corpus.add(
    "yarn.lock",
    pkgs.flatMap((n) => [
      `${n}@^1.2.0:`,
      `  version "1.2.3"`,
      `  resolved "https://registry.yarnpkg.com/${n}/-/${n}-1.2.3.tgz#${fake.hex(40)}"`,
      `  integrity ${sri()}`,
      "",
    ]),
    undefined,
    true,
  );
  corpus.add(
    "go.sum",
    pkgs.map((n) => `github.com/acme/${n} v1.2.3 h1:${Buffer.from(fake.hex(64), "hex").toString("base64")}`),
    undefined,
    true,
  );
  corpus.add(
    "Cargo.lock",
    pkgs.flatMap((n) => ["[[package]]", `name = "${n}"`, `version = "1.2.3"`, `checksum = "${fake.hex(64)}"`, ""]),
    undefined,
    true,
  );
  corpus.add(
    "poetry.lock",
    pkgs.flatMap((n) => [`[[package]]`, `name = "${n}"`, "files = [", `    {file = "${n}-1.2.3.tar.gz", hash = "sha256:${fake.hex(64)}"},`, "]"]),
    undefined,
    true,
  );
}

function placeholders(corpus, _fake, rand) {
  const lines = [
    ["env", "API_KEY=your-api-key-here"],
    ["env", "DB_PASSWORD=${DB_PASSWORD}"],
    // Weak defaults (`changeme`, `postgres`) are findings since issue 18 (weak-credential), not decoys.
    ["yaml", 'password: ""'],
    ["yaml", "  token: {{ .Values.apiToken }}"],
    ["yaml", "  GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}"],
    ["json", '  "password": "<PASSWORD>",'],
    ["py", 'SECRET_KEY = os.environ["SECRET_KEY"]'],
    ["py", "DSN = 'postgresql://%(user)s:%(password)s@%(host)s/app'"],
    ["ini", "password = %(db_password)s"],
    ["ts", 'const apiKey = process.env.API_KEY ?? "";'],
    ["env", "CLIENT_SECRET=xxxxxxxxxxxxxxxxxxxxxxxx"],
    ["yaml", "db_password: '********'"],
    ["tf", "  password = var.db_password"],
    ["tf", "  master_password = random_password.db.result"],
    ["yaml", "  db_password: arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf"],
    ["env", "DATABASE_URL=postgres://user:password@localhost:5432/app"],
    ["md", "Set `API_TOKEN=<your token>` before running the script."],
    ["properties", "spring.datasource.password=${DB_PASSWORD:changeit}"],
    ["dockerfile", "ARG NPM_TOKEN"],
    ["yaml", "password_min_length: 12"],
    ["yaml", "token_url: https://auth.acme.io/oauth/token"],
    ["yaml", "secret_name: orders-db-credentials"],
    ["json", '  "apiKeyHeader": "X-API-Key",'],
    ["env", "AUTH_ENABLED=true"],
    ["md", "Rotate the password every 90 days and never share the token."],
  ];
  // A committed bcrypt hash is a finding now (issue 12: crackable, never fine in a repository); the code that makes one is not.
  lines.push(["py", "password_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12))"]);
  for (const [syntax, line] of lines) corpus.add(pathFor(syntax, rand), line, undefined, true);
}

function testVectorsAndDocs(corpus, fake, rand) {
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const sample = `${enc({ alg: "HS256", typ: "JWT" })}.${enc({ sub: "1234567890", name: "John Doe", iat: 1516239022 })}.${fake.pick(BASE62, 43)}`;
  corpus.add("test/fixtures/auth.test.ts", `const sampleToken = "${sample}";`, undefined, true);
  corpus.add(
    "docs/aws.md",
    [
      "```ini",
      "[default]",
      `aws_access_key_id = ${"AKIA" + "IOSFODNN7" + "EXAMPLE"}`,
      `aws_secret_access_key = ${"wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY"}`,
      "```",
    ],
    undefined,
    true,
  );
  corpus.add("test/crypto/hmac.test.py", `    key = bytes.fromhex("${"0b".repeat(20)}")`, undefined, true);
  const pub = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString().trim();
  corpus.add("keys/signing.pub.pem", pub.split("\n"), undefined, true);
  const sshPub = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from("ssh-ed25519"), Buffer.from([0, 0, 0, 32]), Buffer.from(fake.hex(64), "hex")]).toString(
    "base64",
  );
  corpus.add("deploy/authorized_keys", `ssh-ed25519 ${sshPub} deploy@ci`, undefined, true);
  corpus.add(pathFor("md", rand), `![chart](data:image/png;base64,${Buffer.from(fake.hex(600), "hex").toString("base64")})`, undefined, true);
  corpus.add(
    pathFor("yaml", rand),
    `manifest_b64: ${Buffer.from(JSON.stringify({ name: "orders", version: "1.4.2", replicas: 3 })).toString("base64")}`,
    undefined,
    true,
  );
}

function minifiedAndI18n(corpus, fake) {
  const parts = [];
  for (let i = 0; i < 40; i++) parts.push(`${fake.pick("abcdefghijklmnopqrstuvwxyz", 1)}${i}:"${fake.pick(BASE62, 32)}"`);
  parts.push(`secretKey:"${fake.pick(BASE62, 40)}"`, `tokenHash:"${createHash("sha256").update(fake.hex(8)).digest("hex")}"`);
  corpus.add("dist/assets/app.4f3a9c.min.js", `!function(){var e={${parts.join(",")}};window.__APP__=e}();`, undefined, true);
  corpus.add(
    "public/locales/de/common.json",
    ['  "password": "Passwort",', '  "token_expired": "Ihr Token ist abgelaufen",', '  "secret_question": "Geheimfrage",', '  "api_key": "API-Schl\u00fcssel"'],
    undefined,
    true,
  );
  corpus.add("src/main/resources/messages_fr.properties", ["login.password=Mot de passe", "login.token=Jeton d'acc\u00e8s"], undefined, true);
}

function randomNonSecrets(corpus, fake, rand) {
  const add = (syntax, line) => corpus.add(pathFor(syntax, rand), line, undefined, true);
  add("ts", `const cacheBuster = "${fake.pick(BASE62, 24)}";`);
  add("py", `TRACE_ID = "${fake.hex(32)}"`);
  add("go", `\tnonce := "${fake.pick(BASE62, 22)}"`);
  corpus.add("src/styles/theme.css", `.btn-primary { color: #${fake.hex(6)}; background: #${fake.hex(6)}; }`, undefined, true);
  add("json", `  "build": "${fake.hex(8)}-${fake.pick("0123456789", 6)}",`);
  add("java", `    private static final String PASSWORD_FIELD_CLASS = "form-control-password-input";`);
}

/** Secret-named names with values that are not secrets, and random values under names that are not secret. */
function codeDecoys(corpus, fake, rand) {
  const add = (syntax, line) => corpus.add(pathFor(syntax, rand), line, undefined, true);
  add("ts", 'const TOKEN_STORAGE_KEY = "acme.auth.accessToken";');
  add("py", 'SECRET_FILE = "/run/secrets/db_password"');
  add("ts", 'const authHeader = "Authorization";');
  add("py", 'TOKEN_ENDPOINT = "https://auth.acme.io/oauth2/token"');
  add("go", '	apiKeyEnvVar := "ACME_API_KEY"');
  add("js", "  password: faker.internet.password(),");
  add("py", "    api_key = secrets.token_urlsafe(32)");
  add("ts", `const secretHash = "${fake.hex(64)}";`);
  add("java", `    private static final String PASSWORD_CHECKSUM = "${fake.hex(40)}";`);
  add("js", `  sessionToken: "${uuidFrom(fake.hex(32))}",`);
  add("py", `    cache_key = "${fake.pick(BASE62, 32)}"`);
  add("rb", `  config.asset_digest = "${fake.hex(32)}"`);
  add("js", "const url = `postgres://${user}:${password}@${host}:5432/${db}`;");
  add("go", '	dsn := fmt.Sprintf("redis://:%s@%s:6379/0", password, host)');
  add("py", 'url = "mongodb://<username>:<password>@cluster0.example.mongodb.net/test"');
  add("md", "Mirror: `ftp://anonymous:guest@ftp.acme-mirror.org/pub`");
  add("yaml", `callback: ${encodeURIComponent("https://app.acme.io/oauth/callback?state=")}${fake.hex(16)}`);
}

/** Values encrypted for committing and templated manifests: safe by design. */
function encryptedDecoys(corpus, fake, rand) {
  const b64 = (n) => Buffer.from(fake.hex(n), "hex").toString("base64");
  corpus.add(pathFor("yaml", rand), `db_password: ENC[AES256_GCM,data:${b64(18)},iv:${b64(32)},tag:${b64(16)},type:str]`, undefined, true);
  corpus.add(
    "group_vars/prod/vault.yml",
    ["db_password: !vault |", "  $ANSIBLE_VAULT;1.1;AES256", ...Array.from({ length: 5 }, () => `  ${fake.hex(80)}`)],
    undefined,
    true,
  );
  const sealed = [
    "apiVersion: bitnami.com/v1alpha1",
    "kind: SealedSecret",
    "metadata:",
    "  name: orders-db",
    "spec:",
    "  encryptedData:",
    `    password: AgB${b64(300)}`,
    `    api_token: AgC${b64(300)}`,
  ];
  corpus.add(`k8s/sealed/orders-${Math.floor(rand() * 1000)}.yaml`, sealed, undefined, true);
  corpus.add(
    "charts/orders/templates/secret.yaml",
    [
      "apiVersion: v1",
      "kind: Secret",
      "metadata:",
      "  name: {{ .Release.Name }}-db",
      "data:",
      "  password: {{ .Values.db.password | b64enc | quote }}",
      `  username: ${Buffer.from("orders").toString("base64")}`,
    ],
    undefined,
    true,
  );
  corpus.add(pathFor("json", rand), '  "apiKey": { "type": "apiKey", "in": "header", "name": "X-API-Key" },', undefined, true);
  corpus.add(pathFor("env", rand), "STRIPE_SECRET_KEY=sk_test_your_key_here", undefined, true);
  corpus.add(
    pathFor("yaml", rand),
    ["    environment:", "      POSTGRES_PASSWORD_FILE: /run/secrets/postgres-password", "      POSTGRES_USER: postgres"],
    undefined,
    true,
  );
}

/** Plants every kind of decoy `rounds` times, with fresh values each round. */
export function plantDecoys(corpus, fake, rand, rounds) {
  for (let i = 0; i < rounds; i++) {
    hashDecoys(corpus, fake, rand);
    placeholders(corpus, fake, rand);
    randomNonSecrets(corpus, fake, rand);
    codeDecoys(corpus, fake, rand);
    encryptedDecoys(corpus, fake, rand);
    if (i === 0) {
      lockfiles(corpus, fake);
      testVectorsAndDocs(corpus, fake, rand);
      minifiedAndI18n(corpus, fake);
    }
  }
}
