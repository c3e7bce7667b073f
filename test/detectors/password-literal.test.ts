import { describe, expect, test } from "vitest";
import { detector } from "../../src/detectors/password-literal.js";
import { detect, spanned } from "../helpers/detect.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";

const fake = fakeSecrets(71);
/** A human-chosen password: short, mixed, no entropy to speak of (never a real one: seeded at test time). */
const weak = () => `${fake.pick("ABCDEFGHJKLMNPQRSTUVWXYZ", 1)}${fake.pick("abcdefghijkmnopqrstuvwxyz", 5)}${fake.pick("23456789", 2)}!`;

describe("password-literal: invalid (reported), by language", () => {
  test.each([
    ["Python assignment", "app/db.py", (v: string) => `password = "${v}"`],
    ["Python kwarg", "app/db.py", (v: string) => `conn = psycopg2.connect(host="db", user="app", password='${v}')`],
    ["Python comparison", "app/auth.py", (v: string) => `    if password == "${v}":`],
    ["Python comparison, literal first", "app/auth.py", (v: string) => `    if "${v}" == password:`],
    ["Ruby symbol hash rocket", "app/models/seed.rb", (v: string) => `  :password => '${v}',`],
    ["Ruby keyword hash", "lib/tasks/setup.rb", (v: string) => `User.create!(email: "ops@acme.io", password: "${v}")`],
    ["Go short declaration", "cmd/main.go", (v: string) => `\tmy_password := "${v}"`],
    ["Go struct field", "pkg/db.go", (v: string) => `\t\tPassword: "${v}",`],
    ["Java field", "src/main/java/Db.java", (v: string) => `    private static final String DB_PASSWORD = "${v}";`],
    ["Java equals", "src/main/java/Auth.java", (v: string) => `    if (pwd.equals("${v}")) {`],
    ["C# property", "src/Mail.cs", (v: string) => `    smtp.Password = "${v}";`],
    ["C# auto-property initialiser", "src/MailOptions.cs", (v: string) => `    public string SmtpPassword { get; set; } = "${v}";`],
    ["JS object, quoted key", "src/client.js", (v: string) => `const cfg = { "password": "${v}" };`],
    ["TS typed constant", "src/db.ts", (v: string) => `export const adminPassword: string = '${v}';`],
    ["JS strict comparison", "src/auth.ts", (v: string) => `if (req.body.password === "${v}") grant();`],
    ["PHP variable", "lib/db.php", (v: string) => `$db_pass = '${v}';`],
    ["PHP array key", "lib/mail.php", (v: string) => `    'smtp_password' => '${v}',`],
    ["Kotlin", "src/Main.kt", (v: string) => `val password = "${v}"`],
    ["Rust", "src/main.rs", (v: string) => `let db_password = "${v}";`],
    ["PowerShell", "deploy/setup.ps1", (v: string) => `$Password = "${v}"`],
    ["shell, quoted", "scripts/backup.sh", (v: string) => `DB_PASSWORD="${v}"`],
    ["shell, unquoted", "scripts/backup.sh", (v: string) => `export PGPASSWORD=${v}`],
  ])("%s", (_name, path, render) => {
    const value = weak();
    const text = render(value);
    const found = detect(detector, text, path);
    expect(found, text).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: "password-literal", provider: "generic", kind: "password", secret: value });
    expect(spanned(found[0]!, text)).toBe(value);
  });

  test.each([
    ["the issue's examples", "app/a.py", 'password = "super$ecret"', "super$ecret"],
    ["a Ruby symbol", "app/a.rb", ":password => '4ian1234'", "4ian1234"],
    ["a classic weak password", "app/a.py", 'PASSWORD = "hunter22"', "hunter22"],
    ["WordPress DB_PASSWORD", "wp-config.php", "define( 'DB_PASSWORD', 'wp_Pa55!x' );", "wp_Pa55!x"],
  ])("%s", (_name, path, text, secret) => {
    expect(detect(detector, text, path).map((c) => c.secret)).toEqual([secret]);
  });
});

describe("password-literal: confidence comes from the path context", () => {
  const value = weak();
  test.each([
    ["a PHP config", "wp-config.php", `define('DB_PASSWORD', '${value}');`, "high"],
    ["a settings module", "mysite/settings.py", `DATABASES = {"default": {"PASSWORD": "${value}"}}`, "high"],
    ["a file under config/", "config/initializers/mail.rb", `  password: "${value}",`, "high"],
    ["application source", "app/services/mailer.rb", `  password: "${value}",`, "medium"],
    ["a script", "scripts/backup.sh", `DB_PASSWORD="${value}"`, "medium"],
    ["a comment in source", "lib/client.rb", `#   Client.new(user: "ops", password: "${value}")`, "low"],
    ["a PHP array key at the start of a line (not a comment)", "lib/mail.php", `    'smtp_password' => '${value}',`, "medium"],
    ["a continued command-line flag (not a comment)", "scripts/load.sh", `  --password="${value}" \\`, "medium"],
    ["a test", "test/models/user_test.rb", `    user = User.new(password: "${value}")`, "low"],
    ["a spec", "src/auth.spec.ts", `  login({ password: "${value}" });`, "low"],
    ["an example", "examples/connect.py", `password = "${value}"`, "low"],
  ])("%s: %s", (_name, path, text, confidence) => {
    expect(detect(detector, text, path).map((c) => c.confidence)).toEqual([confidence]);
  });
});

describe("password-literal: valid (nothing reported)", () => {
  test.each([
    ["a form field read", "app/views.py", 'password = request.form["password"]'],
    ["an environment lookup", "app/db.py", 'password = os.environ["DB_PASSWORD"]'],
    ["a getenv with a key", "app/db.go", 'password := os.Getenv("DB_PASSWORD")'],
    ["a variable", "app/db.py", "conn = connect(user=user, password=password)"],
    ["a call", "app/db.py", 'password = vault.read("secret/db")["password"]'],
    ["a Jinja template", "app/db.py", 'password = "{{ db_password }}"'],
    ["a shell expansion", "app/db.py", 'password = "${DB_PASSWORD}"'],
    ["a format field", "app/db.py", 'password = "%s"'],
    ["a Ruby interpolation", "app/db.rb", 'password = "#{ENV.fetch("DB_PASSWORD")}"'],
    ["angle brackets", "src/a.js", 'password: "<password>"'],
    ["a placeholder word", "src/a.js", "password: 'changeme'"],
    ["the field's own name", "src/a.js", 'password: "user_password"'],
    ["a label", "src/a.js", "password: 'Password'"],
    ["a translation", "src/a.js", "password: 'Contraseña1'"],
    ["prose", "src/a.js", "password: 'Enter your password'"],
    ["a mask", "src/a.js", "password: '********'"],
    ["a CSS selector", "src/a.js", 'passwordInput = "#login-form input.pw-field"'],
    ["a route", "src/a.js", 'passwordResetPath = "/users/password/edit"'],
    ["a describing name", "src/a.js", 'passwordHint = "first pet1"'],
    ["a confirmation flag", "src/a.js", 'requirePassword = "yes"'],
    ["a positional argument", "src/a.js", "login(user, password, 'abc123x!')"],
    ["a name that only contains pass", "src/a.py", 'bypass_cache = "x7Tq9!w2"'],
    ["a Python pass statement", "src/a.py", 'if x:\n    pass\nname = "x7Tq9!w2"'],
    ["an identifier value", "src/a.py", 'PASSWORD_FIELD = "password_confirmation"'],
    ["a number", "src/a.py", 'password_length = "12"'],
  ])("%s", (_name, path, text) => {
    expect(detect(detector, text, path)).toEqual([]);
  });

  test("a long random password is a finding too (generic-assignment may report the same span; the scanner keeps one)", () => {
    const value = fake.password();
    expect(detect(detector, `password = "${value}"`, "app/a.py").map((c) => c.secret)).toEqual([value]);
  });
});
