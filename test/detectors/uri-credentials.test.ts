import { describe, expect, test } from "vitest";
import { detector } from "../../src/detectors/uri-credentials.js";
import { detect } from "../helpers/detect.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";

const fake = fakeSecrets(41);
const pw = () => fake.password();

describe("uri-credentials: invalid (reported)", () => {
  test.each([
    ["postgres", (p: string) => `DATABASE_URL=postgres://app:${p}@db.internal:5432/orders`, "postgres", "app", "db.internal", "high", "connection-string"],
    [
      "postgresql in code",
      (p: string) => `engine = create_engine("postgresql://svc_ro:${p}@10.1.2.3/reports")`,
      "postgres",
      "svc_ro",
      "10.1.2.3",
      "high",
      "connection-string",
    ],
    [
      "mongodb+srv",
      (p: string) => `uri: mongodb+srv://etl:${p}@cluster0.ab1cd.mongodb.net/db`,
      "mongodb",
      "etl",
      "cluster0.ab1cd.mongodb.net",
      "high",
      "connection-string",
    ],
    ["redis with an empty user", (p: string) => `REDIS_URL=rediss://:${p}@cache.acme.net:6380/0`, "redis", "", "cache.acme.net", "high", "connection-string"],
    ["jdbc mysql", (p: string) => `url=jdbc:mysql://report:${p}@mysql.acme.net:3306/r`, "mysql", "report", "mysql.acme.net", "high", "connection-string"],
    ["amqps", (p: string) => `broker: amqps://worker:${p}@mq.acme.net/vhost`, "amqp", "worker", "mq.acme.net", "high", "connection-string"],
    ["https (git credentials)", (p: string) => `https://ci-bot:${p}@git.acme.io`, "http", "ci-bot", "git.acme.io", "high", "password"],
    ["a strong password on localhost", (p: string) => `postgres://app:${p}@localhost:5432/dev`, "postgres", "app", "localhost", "medium", "connection-string"],
  ])("%s", (_name, line, provider, user, host, confidence, kind) => {
    const password = pw();
    const text = line(password);
    const found = detect(detector, text, "config/app.env");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: "uri-credentials", provider, kind, confidence, secret: password, parts: { user, host } });
    expect(text.slice(found[0]?.start, found[0]?.end)).toBe(password);
  });

  test("a trivial password is a weak default on a real host (medium); an encoded one keeps its literal", () => {
    // Built at run time so that this file holds no credential-shaped URL.
    const url = (password: string) => ["amqp://svc", `${password}@mq.acme.net:5672`].join(":");
    expect(detect(detector, url("guest"), "config/broker.ini")[0]?.confidence).toBe("medium");
    const encoded = `Pa%40${fake.pick("abcdefghijkmnopqrstuvwxyz23456789", 10)}`;
    expect(detect(detector, url(encoded))[0]?.secret).toBe(encoded);
  });
});

describe("uri-credentials: documentation hosts, loopback and sample files lower the confidence instead of hiding", () => {
  // Sample files (tests, docs) lower it by one step: a real password on a real host in a README is still a leak.
  // Built at run time so that this file holds no credential-shaped URL.
  const url = (scheme: string, user: string, password: string, host: string) => `${scheme}://${user}:${password}@${host}/app`;
  test.each([
    ["an example host", url("https", "admin", "S3cure-Passw0rd-9", "example.com"), "src/client.py", "low"],
    ["a .test host", url("postgres", "app", "Wq8-zr4Lmx", "db.test"), "config/app.env", "low"],
    ["a trivial password on localhost", url("amqp", "svc", "guest", "localhost"), "config/app.env", "low"],
    ["a real password on localhost", url("postgres", "app", "Wq8-zr4Lmx", "127.0.0.1"), "config/app.env", "medium"],
    ["a trivial password on a real host", url("https", "admin", "admin1", "ci.acme-corp.io"), "deploy/hosts.ini", "medium"],
    ["a real host in a test file", url("postgres", "app", "Wq8-zr4Lmx", "db.acme-corp.io"), "test/db_test.py", "medium"],
    ["a real host in docs", url("postgres", "app", "Wq8-zr4Lmx", "db.acme-corp.io"), "docs/setup.md", "medium"],
    ["user equals password on a real host (a weak default)", url("https", "nasadmin", "nasadmin", "nas.acme-corp.io"), "ops/backup.cron", "medium"],
    ["user equals password on a local broker", url("amqp", "rabbit", "rabbit", "localhost"), "config/app.env", "low"],
    ["a SQLAlchemy dialect+driver scheme", url("mysql+pymysql", "analyst", "Wq8-zr4Lmx", "sales-db.acme-corp.io"), "notebooks/sales.py", "high"],
    ["a trivial password on a real host in docs", url("https", "admin", "admin1", "ci.acme-corp.io"), "docs/setup.md", "low"],
    ["a word-like password on a real host (weak, reported)", url("mongodb", "app", "apppass", "db.prod.acme-corp.net"), "deploy/notes.txt", "medium"],
    ["leetspeak password on localhost (weak, reported low)", "http://john.doe:p4ssw0rd@127.0.0.1:8000", "src/client.py", "low"],
  ])("%s", (_name, text, path, confidence) => {
    const found = detect(detector, text, path);
    expect(found).toHaveLength(1);
    expect(found[0]?.confidence).toBe(confidence);
  });
});

describe("uri-credentials: valid (nothing reported)", () => {
  test.each([
    ["a field name as password", "postgres://user:password@db.internal/app"],
    ["user:pass", "mysql://user:pass@db.acme.net/app"],
    ["a template variable", "postgres://app:${DB_PASSWORD}@db.internal/app"],
    ["a shell variable", "redis://:$REDIS_PASSWORD@cache:6379"],
    ["angle brackets", "mongodb://<username>:<password>@cluster0.mongodb.net/test"],
    ["Atlas's documented sample (x-run cluster host)", "mongodb+srv://admin:Xk29vLpq88AbZ@cluster0.xxxxx.mongodb.net/test"],
    ["a masked value", "postgres://app:********@db.internal/app"],
    ["printf placeholders", 'fmt.Sprintf("redis://:%s@%s:6379/0", password, host)'],
    ["a self-describing password", "postgres://myuser:mypass@localhost/mydb"],
    ["a one-letter password", "https://a:b@host.acme.io"],
    ["no password", "ssh://git@github.com/acme/repo.git"],
    ["anonymous FTP", "ftp://anonymous:guest-42@ftp.acme-mirror.org/pub"],
  ])("%s", (_name, text) => {
    expect(detect(detector, text)).toEqual([]);
  });
});
