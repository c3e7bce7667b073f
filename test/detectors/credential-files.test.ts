import { describe, expect, test } from "vitest";
import { detector } from "../../src/detectors/credential-files.js";
import { detect } from "../helpers/detect.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";

const fake = fakeSecrets(1201);
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const CRYPT = `./${ALNUM}`;
const b64 = (s: string) => Buffer.from(s).toString("base64");
/** Weak on purpose: in a credential file, weak is worse, not a reason to skip. */
const WEAK = "admin";
const token = () => fake.pick(ALNUM, 24);

// [format id, path, content for a secret, the secret, where it is written (default: the secret), kind]
const CASES: readonly (readonly [string, string, (v: string) => string, string, string | undefined, string])[] = [
  ["pgpass", "home/.pgpass", (v) => `db.acme.io:5432:*:app:${v}\n`, WEAK, undefined, "password"],
  ["netrc", "_netrc", (v) => `machine ftp.acme.io login web password ${v}\n`, WEAK, undefined, "password"],
  ["git-credentials", ".git-credentials", (v) => `https://bot:${encodeURIComponent(v)}@github.com\n`, "p@ss!#", "p%40ss!%23", "password"],
  ["mysql-option-file", ".my.cnf", (v) => `[client]\nuser=root\npassword=${v}\n`, WEAK, undefined, "password"],
  ["msmtprc", ".msmtprc", (v) => `account default\nhost smtp.acme.io\nuser ops\npassword ${v}\n`, WEAK, undefined, "password"],
  ["fetchmailrc", ".fetchmailrc", (v) => `poll imap.acme.io proto imap user "ops" password "${v}"\n`, WEAK, undefined, "password"],
  ["muttrc", ".muttrc", (v) => `set imap_user = ops\nset imap_pass = "${v}"\n`, WEAK, undefined, "password"],
  ["s3cfg", ".s3cfg", (v) => `[default]\naccess_key = AKIA\nsecret_key = ${v}\n`, "shortkey", undefined, "api-key"],
  ["boto", ".boto", (v) => `[Credentials]\ngs_secret_access_key = ${v}\n`, "gs-key-1", undefined, "api-key"],
  ["aws-shared-credentials", "home/.aws/credentials", (v) => `[prod]\naws_secret_access_key = ${v}\n`, "short+Key/1", undefined, "api-key"],
  ["aws-shared-credentials", "ops/credentials", (v) => `[default]\naws_secret_access_key=${v}\n`, "abc123", undefined, "api-key"],
  ["tugboat", ".tugboat", (v) => `authentication:\n  client_key: ci\n  api_key: ${v}\n`, "do-key-1", undefined, "api-key"],
  ["rclone", "rclone.conf", (v) => `[nas]\ntype = sftp\nhost = nas.lan\npass = ${v}\n`, "obscured1", undefined, "password"],
  ["hub", ".config/hub", (v) => `github.com:\n- user: octo\n  oauth_token: ${v}\n  protocol: https\n`, "hub-token-1", undefined, "token"],
  ["kubeconfig", "ops/.kube/config", (v) => `apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    password: ${v}\n`, WEAK, undefined, "password"],
  [
    "kubeconfig",
    "clusters/prod.yaml",
    (v) => `apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: ${v}\n`,
    "kube-static-token",
    undefined,
    "token",
  ],
  ["dockercfg", ".dockercfg", (v) => `{"https://index.docker.io/v1/":{"auth":"${b64(`ci:${v}`)}","email":"ci@acme.io"}}`, WEAK, b64(`ci:${WEAK}`), "password"],
  [
    "docker-config",
    ".docker/config.json",
    (v) => `{\n  "auths": {\n    "registry.acme.io": {\n      "auth": "${b64(`ci:${v}`)}"\n    }\n  }\n}\n`,
    "Passw0rd!",
    b64("ci:Passw0rd!"),
    "password",
  ],
  ["npmrc", ".npmrc", (v) => `registry=https://npm.acme.io/\n//npm.acme.io/:_authToken=${v}\n`, "tok-123", undefined, "token"],
  ["npmrc", "web/.npmrc", (v) => `//npm.acme.io/:_password=${b64(v)}\n`, WEAK, b64(WEAK), "password"],
  ["pypirc", ".pypirc", (v) => `[pypi]\nusername = me\npassword = ${v}\n`, WEAK, undefined, "password"],
  ["gem-credentials", "home/.gem/credentials", (v) => `---\n:rubygems_api_key: ${v}\n`, "gemkey123", undefined, "api-key"],
  [
    "composer-auth",
    "auth.json",
    (v) => `{\n  "http-basic": {\n    "repo.acme.io": { "username": "ci", "password": "${v}" }\n  }\n}\n`,
    WEAK,
    undefined,
    "password",
  ],
  ["composer-auth", "app/auth.json", (v) => `{ "gitlab-token": { "gitlab.acme.io": "${v}" } }`, "glt-short", undefined, "token"],
  [
    "nuget-config",
    "NuGet.Config",
    (v) =>
      `<configuration><packageSourceCredentials><acme><add key="Username" value="ci" /><add key="ClearTextPassword" value="${v}" /></acme></packageSourceCredentials></configuration>`,
    WEAK,
    undefined,
    "password",
  ],
  [
    "maven-settings",
    ".m2/settings.xml",
    (v) => `<settings><servers><server><id>nexus</id><username>ci</username><password>${v}</password></server></servers></settings>`,
    WEAK,
    undefined,
    "password",
  ],
  [
    "maven-settings",
    ".m2/settings.xml",
    (v) => `<settings><servers><server><password>${v}</password></server></servers></settings>`,
    "{COQLCE6DU6GtcS5P=}",
    undefined,
    "encrypted-credential",
  ],
  ["gradle-properties", "gradle.properties", (v) => `org.gradle.jvmargs=-Xmx2g\nsigning.password=${v}\n`, WEAK, undefined, "password"],
  [
    "filezilla",
    "sitemanager.xml",
    (v) => `<FileZilla3><Servers><Server><Host>ftp.acme.io</Host><User>web</User><Pass encoding="base64">${b64(v)}</Pass></Server></Servers></FileZilla3>`,
    WEAK,
    b64(WEAK),
    "password",
  ],
  [
    "filezilla",
    "backup/old-sites.xml",
    (v) => `<?xml version="1.0"?>\n<FileZilla3 version="3.60">\n<RecentServers><Server><Pass>${v}</Pass></Server></RecentServers></FileZilla3>`,
    WEAK,
    undefined,
    "password",
  ],
  ["winscp", "WinSCP.ini", (v) => `[Sessions\\web]\nHostName=web.acme.io\nUserName=deploy\nPassword=${v}\n`, "A35C4E5F6D", undefined, "password"],
  [
    "dbeaver",
    ".dbeaver/data-sources.json",
    (v) => `{"connections":{"pg-1":{"configuration":{"host":"db","user":"app","password":"${v}"}}}}`,
    WEAK,
    undefined,
    "password",
  ],
  ["robomongo", "robo3t.json", (v) => `{"connections":[{"credentials":[{"userName":"admin","userPassword":"${v}"}]}]}`, WEAK, undefined, "password"],
  [
    "sublime-sftp",
    "sftp-config.json",
    (v) => `{\n  // sftp, ftp or ftps\n  "type": "sftp",\n  "user": "deploy",\n  "password": "${v}",\n}\n`,
    WEAK,
    undefined,
    "password",
  ],
  ["vscode-sftp", ".vscode/sftp.json", (v) => `{"host":"web","username":"deploy","password":"${v}"}`, WEAK, undefined, "password"],
  ["atom-ftpconfig", ".ftpconfig", (v) => `{"protocol":"ftp","host":"web","user":"deploy","pass":"${v}"}`, WEAK, undefined, "password"],
  [
    "jetbrains-deployment",
    ".idea/WebServers.xml",
    (v) =>
      `<project><component name="WebServers"><option name="servers"><webServer name="prod"><fileTransfer host="web" port="21" password="${v}" /></webServer></option></component></project>`,
    "dfdf9c9c",
    undefined,
    "password",
  ],
  [
    "jenkins-credentials",
    "jenkins/credentials.xml",
    (v) =>
      `<com.cloudbees.plugins.credentials.SystemCredentialsProvider><password>${v}</password></com.cloudbees.plugins.credentials.SystemCredentialsProvider>`,
    "{AQAAABAAAAAQ1/JHKggxIlBcuVqegoa2AdyVaNvjWIFk430/vI4jEBM=}",
    undefined,
    "encrypted-credential",
  ],
  [
    "firefox-logins",
    "profile/logins.json",
    (v) => `{"nextId":2,"logins":[{"id":1,"hostname":"https://acme.io","encryptedUsername":"MDIEEPgAAAAA","encryptedPassword":"${v}"}]}`,
    "MDoEEPgAAAAAAAAAAAAAAAAAAAEwFAYIKoZIhvcNAwcECG",
    undefined,
    "encrypted-credential",
  ],
  ["server-ini", "Saved/Config/GameUserSettings.ini", (v) => `[ServerSettings]\nServerAdminPassword=${v}\nMaxPlayers=70\n`, WEAK, undefined, "password"],
  ["htpasswd", "public/.htpasswd", (v) => `admin:${v}\n`, "9l/l0MFUdwlM6", undefined, "password-hash"],
  [
    "shadow",
    "etc/shadow",
    (v) => `root:${v}:19500:0:99999:7:::\nbin:*:19500:0:99999:7:::\n`,
    `$6$${fake.pick(CRYPT, 16)}$${fake.pick(CRYPT, 86)}`,
    undefined,
    "password-hash",
  ],
  [
    "ftpd-passwd",
    "etc/pureftpd.passwd",
    (v) => `web:${v}:1001:1001::/srv/web/./::::::::::::\n`,
    `$1$${fake.pick(CRYPT, 8)}$${fake.pick(CRYPT, 22)}`,
    undefined,
    "password-hash",
  ],
];

describe("credential-files: every secret field of a credential file is a high-confidence finding", () => {
  test.each(CASES)("%s (%s)", (format, path, render, secret, written, kind) => {
    const text = render(secret);
    const found = detect(detector, text, path);
    expect(found, text).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: "credential-files", kind, secret, confidence: "high", parts: { format } });
    expect(text.slice(found[0]?.start, found[0]?.end)).toBe(written ?? secret);
  });

  test("user and host travel with the secret; a decoded Docker auth names its user", () => {
    const [netrc] = detect(detector, "machine git.acme.io login bot password hunter2\n", ".netrc");
    expect(netrc?.parts).toMatchObject({ user: "bot", host: "git.acme.io" });
    const [docker] = detect(detector, `{"auths":{"r.acme.io":{"auth":"${b64("ci:pw-1")}"}}}`, ".docker/config.json");
    expect(docker).toMatchObject({ secret: "pw-1", parts: { user: "ci" } });
  });

  test("a .pgpass with no trigger word at all is still read: named files bypass the keyword gate", () => {
    expect(detect(detector, "h:5432:d:u:zz9\n", ".pgpass").map((c) => c.secret)).toEqual(["zz9"]);
  });
});

describe("credential-files: look-alikes (nothing reported)", () => {
  test.each([
    ["a template of a credential file", ".pgpass.example", "db:5432:*:app:admin\n"],
    ["a sample netrc", "docs/netrc.sample", "machine h login u password admin\n"],
    ["an empty password", ".pypirc", "[pypi]\nusername = me\npassword =\n"],
    ["a commented password", ".my.cnf", "[client]\n# password=admin\n"],
    ["a template reference", ".npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n"],
    ["a CI variable in .pypirc", ".pypirc", "[pypi]\npassword = $PYPI_PASSWORD\n"],
    ["a config.json without auths", "src/config.json", `{"auth": "${b64("ci:secret")}", "password": "admin"}`],
    ["a credentials file that is not AWS's", "app/credentials", "password = admin\n"],
    ["a settings.xml that is not Maven's", "app/settings.xml", "<settings><password>admin</password></settings>"],
    ["a locked shadow entry", "etc/shadow", "daemon:*:19500::::::\nnobody:!:19500::::::\nx:!!:1::::::\n"],
    ["a FileZilla look-alike without the root element", "notes.xml", '<Pass encoding="base64">YWRtaW4=</Pass>'],
    ["an ini file without password keys", "php.ini", "[mysqli]\nmysqli.default_pw =\nmemory_limit=128M\n"],
    ["kubeconfig with exec credentials only", ".kube/config", "apiVersion: v1\nkind: Config\nusers:\n- name: eks\n  user:\n    exec:\n      command: aws\n"],
    ["a provider token left to its rule", ".npmrc", `//registry.npmjs.org/:_authToken=${fake.npmToken()}\n`],
    ["a JWT left to the JWT detector", ".kube/config", `kind: Config\nusers:\n- user:\n    token: ${fake.jwt({ sub: "x" })}\n`],
  ])("%s", (_name, path, text) => {
    expect(detect(detector, text, path)).toEqual([]);
  });

  test("a secret-named file name elsewhere does not count (shadow.ts, my.cnf.erb)", () => {
    expect(detect(detector, "root:abcdefgh:1::::::\n", "src/shadow.ts")).toEqual([]);
    expect(detect(detector, "password=admin\n", "templates/my.cnf.erb")).toEqual([]);
  });

  test("a random token is kept too (not only weak passwords)", () => {
    const value = token();
    expect(detect(detector, `[pypi]\npassword = ${value}\n`, ".pypirc").map((c) => c.secret)).toEqual([value]);
  });
});

describe("credential-files: context", () => {
  test.each([
    ["test/fixtures/.pgpass", "medium"],
    ["spec/support/netrc/.netrc", "medium"],
    ["docs/examples/.docker/config.json", "medium"],
    ["deploy/.pgpass", "high"],
  ])("a credential file at %s is %s confidence", (path, confidence) => {
    const text = path.endsWith(".json")
      ? `{"auths":{"r.acme.io":{"auth":"${b64("ci:pw-1")}"}}}`
      : path.endsWith(".netrc")
        ? "machine h login u password pw-1\n"
        : "h:5432:d:u:pw-1\n";
    expect(detect(detector, text, path).map((c) => c.confidence)).toEqual([confidence]);
  });
});
