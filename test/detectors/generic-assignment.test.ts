import { describe, expect, test } from "vitest";
import { detector } from "../../src/detectors/generic-assignment.js";
import { detect } from "../helpers/detect.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";

const fake = fakeSecrets(61);
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const token = () => fake.pick(ALNUM, 32);

describe("generic-assignment: invalid (reported)", () => {
  test.each([
    ["Python constant", "app/settings.py", (v: string) => `API_SECRET = "${v}"`],
    ["Python kwarg", "app/client.py", (v: string) => `client = Client(api_token='${v}')`],
    ["Python dict", "app/client.py", (v: string) => `config = {"api_key": "${v}", "timeout": 30}`],
    ["JS object", "src/client.js", (v: string) => `  headers: { "X-Api-Key": "${v}" },`],
    ["TS typed constant", "src/config.ts", (v: string) => `export const clientSecret: string = "${v}";`],
    ["TS class field", "src/client.ts", (v: string) => `  private readonly authToken = \`${v}\`;`],
    ["Go short declaration", "cmd/main.go", (v: string) => `\tapiToken := "${v}"`],
    ["Go struct field", "pkg/client.go", (v: string) => `\t\tAPIToken: "${v}",`],
    ["Java constant", "src/main/java/A.java", (v: string) => `    private static final String SIGNING_SECRET = "${v}";`],
    ["Java setter call", "src/main/java/A.java", (v: string) => `    props.setProperty("db.password", "${v}");`],
    ["C# property", "src/Options.cs", (v: string) => `    public string ApiSecret { get; set; } = "${v}";`],
    ["Ruby hash", "config/initializers/acme.rb", (v: string) => `  secret_key: '${v}',`],
    ["PHP array", "config/services.php", (v: string) => `    'api_secret' => '${v}',`],
    ["PHP define", "config/app.php", (v: string) => `define('API_SECRET', '${v}');`],
    ["Rust constant", "src/lib.rs", (v: string) => `const API_TOKEN: &str = "${v}";`],
    ["shell export", "scripts/deploy.sh", (v: string) => `export SERVICE_TOKEN=${v}`],
    ["notebook cell (escaped quotes)", "analysis.ipynb", (v: string) => `    "api_key = \\"${v}\\"\\n",`],
  ])("%s", (_name, path, render) => {
    const value = token();
    const text = render(value);
    const found = detect(detector, text, path);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: "generic-assignment", provider: "generic", secret: value, confidence: "medium" });
    expect(text.slice(found[0]?.start, found[0]?.end)).toBe(value);
  });

  test.each([
    ["40 hex characters", fake.hex(40), "medium"],
    ["20 hex characters", fake.hex(20), "low"],
    ["lower-case and digits only", fake.pick("abcdefghijklmnopqrstuvwxyz0123456789", 24).replace(/^./, "q7"), "low"],
  ])("confidence: %s", (_name, value, confidence) => {
    expect(detect(detector, `API_TOKEN = "${value}"`, "a.py")[0]?.confidence).toBe(confidence);
  });
});

describe("generic-assignment: valid (nothing reported)", () => {
  test.each([
    ["a name that is not secret", "src/a.ts", `const cacheBuster = "${token()}";`],
    ["a describing name", "src/a.ts", `const secretHash = "${fake.hex(64)}";`],
    ["low entropy", "src/a.ts", 'const apiKey = "aaaabbbbccccdddd";'],
    ["too short", "src/a.ts", 'const apiKey = "Xk9mPq2v";'],
    ["an identifier", "src/a.py", 'HTTPPasswordMgr = "HTTPPasswordMgrWithDefaultRealm"'],
    ["a header name", "src/a.py", "proxy_auth_header = 'Proxy-Authorization'"],
    ["a path", "src/a.py", 'SECRET_FILE = "/run/secrets/db_password_v2"'],
    ["a URL", "src/a.py", 'TOKEN_ENDPOINT = "https://auth.acme.io/oauth2/token"'],
    ["a regex", "src/a.py", "token_re = r'[A-Za-z0-9_-]{20,}(?:\\.[A-Za-z0-9_-]+)?'"],
    ["a format string", "src/a.py", 'auth_str = "{username}:{password}"'],
    ["a template literal", "src/a.ts", "const authToken = `Bearer ${token}`;"],
    ["a value a provider rule names", "src/a.ts", `const githubToken = "${fake.githubClassicPat()}";`],
    ["a list of strings", "src/a.py", `TOKENS = ["${token()}", "${token()}"]`],
    ["a config file", "config/app.yaml", `api_secret: "${token()}"`],
  ])("%s", (_name, path, text) => {
    expect(detect(detector, text, path)).toEqual([]);
  });
});
