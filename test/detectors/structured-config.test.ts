import { describe, expect, test } from "vitest";
import { detector, textDetector } from "../../src/detectors/structured-config.js";
import { detect } from "../helpers/detect.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";

const fake = fakeSecrets(51);
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** A human-chosen password (medium confidence) and a random token (high confidence). */
const human = () => fake.password().slice(0, 12);
const random = () => fake.pick(ALNUM, 32);
const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("structured-config: invalid (reported)", () => {
  test.each([
    [".env", ".env.production", (v: string) => `DEBUG=false\nDB_PASSWORD=${v}\n`, "DB_PASSWORD", "password"],
    [".env quoted, exported", "deploy/.env", (v: string) => `export API_KEY="${v}"  # rotate monthly\n`, "API_KEY", "api-key"],
    ["YAML", "config/prod.yaml", (v: string) => `smtp:\n  host: mail.acme.io\n  password: '${v}'\n`, "password", "password"],
    [
      "docker-compose environment list",
      "docker-compose.yml",
      (v: string) => `    environment:\n      - MYSQL_ROOT_PASSWORD=${v}\n`,
      "MYSQL_ROOT_PASSWORD",
      "password",
    ],
    ["Kubernetes env name/value", "k8s/deploy.yaml", (v: string) => `        - name: STRIPE_SECRET\n          value: "${v}"\n`, "STRIPE_SECRET", "api-key"],
    ["JSON", "appsettings.json", (v: string) => `{\n  "ClientSecret": "${v}",\n  "Retries": 3\n}`, "ClientSecret", "api-key"],
    ["ECS name/value JSON", "task.json", (v: string) => `[{ "name": "AUTH_TOKEN", "value": "${v}" }]`, "AUTH_TOKEN", "api-key"],
    [".properties", "application.properties", (v: string) => `spring.datasource.password=${v}\n`, "spring.datasource.password", "password"],
    [".pypirc (INI)", ".pypirc", (v: string) => `[pypi]\nusername = __token__\npassword = ${v}\n`, "password", "password"],
    ["TOML", "config.toml", (v: string) => `[db]\npassword = "${v}"\n`, "password", "password"],
    ["Terraform variable default", "vars.tf", (v: string) => `variable "db_password" {\n  default = "${v}"\n}\n`, "db_password", "password"],
    ["tfvars", "prod.tfvars", (v: string) => `master_password = "${v}"\n`, "master_password", "password"],
    ["Dockerfile ENV", "Dockerfile", (v: string) => `FROM node:20\nENV NPM_TOKEN=${v}\n`, "NPM_TOKEN", "api-key"],
    ["Dockerfile ARG default", "docker/api/Dockerfile", (v: string) => `ARG SIGNING_KEY=${v}\n`, "SIGNING_KEY", "api-key"],
    ["XML element", "mail.xml", (v: string) => `<smtp><host>mail</host><smtpPassword>${v}</smtpPassword></smtp>`, "smtpPassword", "password"],
    [
      "web.config appSettings",
      "web.config",
      (v: string) => `<appSettings>\n  <add key="PaymentApiKey" value="${v}" />\n</appSettings>`,
      "PaymentApiKey",
      "api-key",
    ],
  ])("%s", (_name, path, render, key, kind) => {
    // A weak password in a config file is high (what the application logs in with); other weak values medium.
    for (const [value, confidence] of [
      [human(), kind === "password" ? "high" : "medium"],
      [random(), "high"],
    ] as const) {
      const text = render(value);
      const found = detect(detector, text, path);
      expect(found, `${path}: ${value}`).toHaveLength(1);
      expect(found[0]).toMatchObject({ ruleId: "structured-config", provider: "generic", kind, secret: value, confidence, parts: { key } });
      expect(text.slice(found[0]?.start, found[0]?.end)).toBe(value);
    }
  });

  test("Kubernetes Secret: data is decoded, stringData taken as is, usernames and certificates skipped", () => {
    const [password, token] = [human(), random()];
    const text = [
      "apiVersion: v1",
      "kind: Secret",
      "metadata:",
      "  name: orders-db",
      "data:",
      `  username: ${b64("orders")}`,
      `  password: ${b64(password)}`,
      `  ca.crt: ${b64("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")}`,
      "stringData:",
      `  api-token: "${token}"`,
    ].join("\n");
    const found = detect(detector, text, "k8s/secret.yaml");
    expect(found.map((c) => [c.secret, c.parts?.["key"], c.parts?.["encoding"]])).toEqual([
      [password, "password", "base64"],
      [token, "api-token", "none"],
    ]);
    expect(text.slice(found[0]?.start, found[0]?.end)).toBe(b64(password));
  });
});

describe("structured-config: weak words in config are findings, at low confidence", () => {
  // A dictionary word or a service's default (`postgres`, `admin`) is what the service logs in with:
  // weak is worse, not better; low confidence keeps it out of --min-confidence medium.
  test.each([
    ["a word", "docker-compose.yml", "      REDIS_PASSWORD: sunflower\n", "sunflower"],
    ["a short password", ".env", "NEXTCLOUD_ADMIN_PASSWORD=qwer\n", "qwer"],
    ["a word in tfvars", "prod.tfvars", 'grafana_admin_password = "orchid"\n', "orchid"],
  ])("%s", (_name, path, text, secret) => {
    expect(detect(detector, text, path)).toMatchObject([{ secret, kind: "password", confidence: "low" }]);
  });

  test("a word of the key (the image's documented default) is a weak finding, at low confidence", () => {
    expect(detect(detector, "      POSTGRES_PASSWORD: postgres\n", "docker-compose.yml")).toMatchObject([{ secret: "postgres", confidence: "low" }]);
    expect(detect(detector, "      MYSQL_ROOT_PASSWORD: root\n", "docker-compose.yml")).toMatchObject([{ secret: "root", confidence: "low" }]);
  });

  test("a word in a test tree or an example file is not a finding: words pass only in live config", () => {
    expect(detect(detector, "  password: postgres\n", "test/dummy/config/database.yml")).toEqual([]);
    expect(detect(detector, "POSTGRES_PASSWORD=postgres\n", ".env.example")).toEqual([]);
  });
});

describe("structured-config: valid (nothing reported)", () => {
  test.each([
    ["a GitHub Actions reference", ".github/workflows/ci.yml", "        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n"],
    ["a shell reference", ".env", "DB_PASSWORD=${DB_PASSWORD}\n"],
    ["a Make/Azure reference", "config.ini", "password = $(DB_PASSWORD)\n"],
    ["a Helm template", "values.yaml", "password: {{ .Values.db.password }}\n"],
    [
      "a dependency named for passwords",
      "package.json",
      '{\n  "dependencies": {\n    "pbkdf2-password": "1.2.1",\n    "password-validator": "^5.3.0"\n  }\n}\n',
    ],
    ["a Python format field", "alembic.ini", "password = %(db_password)s\n"],
    ["a Vault reference", "app.yaml", "api_key: vault:secret/data/app#api_key\n"],
    ["an AWS Secrets Manager ARN", "app.yaml", "db_password: arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db\n"],
    ["a vals reference", "app.yaml", "token: ref+awsssm://prod/token\n"],
    ["empty", ".env", "API_KEY=\n"],
    ["a boolean", ".env", "AUTH_TOKEN=true\n"],
    ["a number", "app.yaml", "token: 1234567890\n"],
    ["a resource name", "app.yaml", "credentials: orders-db-credentials\n"],
    ["a path", "app.yaml", "private_key: /run/secrets/signing.pem\n"],
    ["a describing name", "app.yaml", "password_min_length: 12\ntoken_url: https://auth.acme.io/token\nsecret_name: db\n"],
    ["SOPS ciphertext", "secrets.enc.yaml", `db_password: ENC[AES256_GCM,data:${b64(random())},iv:${b64(random())},type:str]\n`],
    ["a Sealed Secret", "sealed.yaml", `kind: SealedSecret\nspec:\n  encryptedData:\n    password: AgB${b64(random() + random())}\n`],
    ["a bcrypt hash", "users.yaml", `password: $2b$12$${fake.pick(`${ALNUM}./`, 53)}\n`],
    ["a value a provider rule names", ".env", `GITHUB_TOKEN=${fake.githubClassicPat()}\n`],
    ["an .npmrc token a provider rule names", ".npmrc", `//registry.npmjs.org/:_authToken=${fake.npmToken()}\n`],
    [
      "a provider token inside a Secret's base64 (left to the encoded detector)",
      "secret.yaml",
      `kind: Secret\ndata:\n  token: ${b64(fake.githubClassicPat())}\n`,
    ],
    ["source code (not config)", "src/app.ts", `const password = "${random()}";\n`],
    ["prose", "locales/en.json", '{ "password": "Enter your password" }'],
  ])("%s", (_name, path, text) => {
    expect(detect(detector, text, path)).toEqual([]);
  });
});

describe("structured-config: secret-word screening keeps name/value pairs straight", () => {
  test("a non-secret name after a secret one takes over its value lines", () => {
    const secret = random();
    const text = `env:\n  - name: DB_PASSWORD\n    value: "${secret}"\n  - name: DB_HOST\n    value: "${random()}"\n`;
    const found = detect(detector, text, "k8s/deploy.yaml");
    expect(found.map((f) => [f.parts?.["key"], f.secret])).toEqual([["DB_PASSWORD", secret]]);
  });

  test("lines far from any secret word cost nothing and yield nothing; a later secret line is still read", () => {
    const secret = random();
    const filler = Array.from({ length: 500 }, (_, i) => `item_${i}: "${random()}"`).join("\n");
    const found = detect(detector, `${filler}\napi_token: "${secret}"\n`, "config/app.yaml");
    expect(found.map((f) => f.secret)).toEqual([secret]);
  });
});

/** Config files and other text files are read by the same engine under two detector ids. */
const detectAny = (text: string, path: string) => [...detect(detector, text, path), ...detect(textDetector, text, path)];

describe("structured-config: provider look-alikes (issue 18 counter-examples)", () => {
  test("a value with a provider's prefix that the provider's rule rejects is a documentation look-alike", () => {
    expect(detectAny("slack_bot_token: xoxb-1234-5678-91011-00e4dd\n", "config/app.yml")).toEqual([]);
    expect(detectAny("SLACK_TOKEN=xoxb-1234-5678-91011-00e4dd\n", "notes.txt")).toEqual([]);
  });

  test("a secret-named value in any text file is read, whatever the extension", () => {
    for (const path of ["notes", "notes.txt", "deploy.log", "app.cfg.bak"]) {
      expect(detectAny("API_KEY=5HWaoDB9jbokXJ9LNknss4m6TPmaCHfr\n", path), path).toMatchObject([
        { secret: "5HWaoDB9jbokXJ9LNknss4m6TPmaCHfr", confidence: "medium" },
      ]);
    }
    expect(detectAny("API_KEY=5HWaoDB9jbokXJ9LNknss4m6TPmaCHfr\n", "credentials.txt")).toMatchObject([{ confidence: "high" }]);
    expect(detectAny("API_KEY=5HWaoDB9jbokXJ9LNknss4m6TPmaCHfr\n", "docs/setup.txt")).toMatchObject([{ confidence: "low" }]);
  });

  test.each([
    ["INI section", "[database]\nuser = app\npassword = Xk29vLpq88AbZ\n", "Xk29vLpq88AbZ"],
    ["a log line", "2026-03-02 INFO connect host=db user=app password=Tr0ub4dor3x ok\n", "Tr0ub4dor3x"],
    ["name => value", "'api_secret' => 'Zr8sPq2LmW9xKt4V',\n", "Zr8sPq2LmW9xKt4V"],
    ["name := value", "apiToken := Zr8sPq2LmW9xKt4VnB7c\n", "Zr8sPq2LmW9xKt4VnB7c"],
    ["an XML element", "<password>Xk29vLpq88AbZ</password>\n", "Xk29vLpq88AbZ"],
    ["an XML attribute", '<add name="orders" password="Xk29vLpq88AbZ"/>\n', "Xk29vLpq88AbZ"],
    ["a quoted JSON pair", '  "client_secret": "Zr8sPq2LmW9xKt4VnB7c",\n', "Zr8sPq2LmW9xKt4VnB7c"],
    ["a list item", "- token: Zr8sPq2LmW9xKt4VnB7c\n", "Zr8sPq2LmW9xKt4VnB7c"],
  ])("text syntax: %s", (_name, text, secret) => {
    expect(detectAny(text, "notes").map((c) => c.secret)).toContain(secret);
  });
});

describe("structured-config: a user and a password are one credential", () => {
  test.each([
    ["an INI section", "[database]\nhost = db.acme-corp.io\nuser = orders_app\npassword = Xk29vLpq88AbZ\n", "app.cfg.bak", "orders_app"],
    ["neighbouring env lines", "DB_USER=orders_app\nDB_PASSWORD=Xk29vLpq88AbZ\n", ".env", "orders_app"],
    ["YAML, user after the password", "database:\n  password: Xk29vLpq88AbZ\n  username: orders_app\n", "config/app.yml", "orders_app"],
    ["notes", "prod db\nlogin: orders_app\npassword: Xk29vLpq88AbZ\n", "notes.txt", "orders_app"],
  ])("%s", (_name, text, path, user) => {
    expect(detectAny(text, path)).toMatchObject([{ secret: "Xk29vLpq88AbZ", parts: { user } }]);
  });

  test("another section's user is not this password's", () => {
    const [found] = detectAny("[cache]\nuser = cache_app\n\n[database]\npassword = Xk29vLpq88AbZ\n", "app.ini");
    expect(found?.parts?.["user"]).toBeUndefined();
  });
});
