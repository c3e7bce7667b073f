import type { Candidate } from "../model/finding.js";
import type { Confidence } from "../model/rule.js";
import type { Detector } from "./detector.js";

const SCHEMES =
  "postgres|postgresql|mysql|mysqlx|mariadb|mongodb|mongodb\\+srv|redis|rediss|amqp|amqps|mssql|sqlserver|oracle|ftp|ftps|sftp|ldap|ldaps|smtp|smtps|imap|imaps|nats|mqtt|mqtts|kafka|clickhouse|cockroachdb|neo4j|neo4j\\+s|bolt|couchbase|couchdb|rabbitmq|elasticsearch|https?|git|ssh|svn|socks5h?";
// `jdbc:`-prefixed URLs keep the same userinfo shape. The userinfo runs up to the last `@` before the host.
const URI = new RegExp(
  `(?<![\\w+.-])(?:jdbc:)?(${SCHEMES})://([^\\s:/?#@'"\`<>\\\\]{0,128}):([^\\s/?#'"\`<>\\\\]{1,256})@([A-Za-z0-9._~%-]{1,253}|\\[[0-9a-fA-F:.]{2,45}\\])(?::\\d{1,5})?`,
  "gid",
);
/** Passwords that only name the field, or mask or template it. */
const PLACEHOLDER =
  /^(?:pass|passwd|password|pwd|secret|pw|p|x+|\*+|\.+|changeme|change_?it|your[-_]?password|mypassword|my_password|<[^>]*>|\[[^\]]*\]|\{[^}]*\}|\$\{[^}]*\}|\$[A-Za-z_]\w*|%[\w()]*s|:\w+|token|apikey|api[-_]key|access[-_]?token|pat)$/i;
/** An environment variable name written where the password goes: `DB_PASSWORD`, `@DB_PASS@`. */
const VARIABLE_NAME = /^@?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*@?$/;
/** Passwords that say what they are: `mypass`, `badpass`, `dbpassword1`. */
const NAMED_PASSWORD = /^[a-z]{0,8}(?:pass|passwd|password|pwd|secret)\d{0,3}$/i;
const PLACEHOLDER_USER = /^(?:user|username|usr|login|name|anonymous|\$\{[^}]*\}|\$[A-Za-z_]\w*|<[^>]*>|\{[^}]*\})$/i;
const DOC_HOST = /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|host|hostname|domain|your[-\w]*|server|myhost|dbhost|bogus\.\w+)$|^<|\{|\$/i;
const LOCAL_HOST = /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|host\.docker\.internal|db|database|postgres|mysql|redis|mongo|mongodb|rabbitmq)$/i;
const TRIVIAL = /^(?:admin|root|test|testing|guest|postgres|mysql|redis|mongo|password\d*|secret\d*|pass\d*|123+4*5*6*|qwerty|letmein|dev|local|example|sa)$/i;

/** Scheme variants (TLS, SRV, vendor spellings) folded into one provider name. */
const PROVIDER: Readonly<Record<string, string>> = {
  postgresql: "postgres",
  cockroachdb: "postgres",
  rediss: "redis",
  amqps: "amqp",
  rabbitmq: "amqp",
  "mongodb+srv": "mongodb",
  https: "http",
  ftps: "ftp",
  sftp: "ftp",
  ldaps: "ldap",
  smtps: "smtp",
  imaps: "imap",
  mqtts: "mqtt",
  "neo4j+s": "neo4j",
  bolt: "neo4j",
  sqlserver: "mssql",
  mysqlx: "mysql",
  mariadb: "mysql",
};
const WEB_SCHEMES = new Set(["http", "https", "git", "ssh", "svn", "socks5", "socks5h"]);

/** Trivial passwords (`guest`, `postgres`) are low; local services medium; a real password on a remote host high. */
function confidenceOf(password: string, host: string): Confidence {
  if (TRIVIAL.test(unleet(password))) return "low";
  if (LOCAL_HOST.test(host)) return "medium";
  return password.length >= 8 ? "high" : "medium";
}

/** `p4ssw0rd` reads as `password`. */
function unleet(value: string): string {
  return value.replace(/[4@]/g, "a").replace(/3/g, "e").replace(/[1!]/g, "i").replace(/0/g, "o").replace(/[5$]/g, "s").replace(/7/g, "t");
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** `scheme://user:password@host` in database, broker, mail, directory, file-transfer and HTTP URLs; the password is the secret. */
export const detector: Detector = {
  id: "uri-credentials",
  description: "Credentials in URLs (scheme://user:password@host) for databases, brokers, mail, LDAP, FTP and HTTP",
  appliesTo: (fragment) => fragment.text.includes("://"),
  detect(fragment) {
    const out: Candidate[] = [];
    URI.lastIndex = 0;
    for (let m = URI.exec(fragment.text); m !== null; m = URI.exec(fragment.text)) {
      const [, scheme = "", user = "", password = "", host = ""] = m;
      const span = m.indices?.[3];
      if (span === undefined) continue;
      const plain = decoded(password);
      if (plain.length < 4 || PLACEHOLDER.test(plain) || NAMED_PASSWORD.test(unleet(plain)) || (VARIABLE_NAME.test(plain) && !/\d/.test(plain)) || PLACEHOLDER_USER.test(user) || DOC_HOST.test(host) || plain === user) continue;
      const confidence = confidenceOf(plain, host);
      const lower = scheme.toLowerCase();
      out.push({
        ruleId: "uri-credentials",
        provider: PROVIDER[lower] ?? lower,
        kind: WEB_SCHEMES.has(lower) ? "password" : "connection-string",
        severity: confidence === "low" ? "low" : "high",
        // The literal as written, so that the fingerprint matches the same string elsewhere.
        secret: password,
        start: span[0],
        end: span[1],
        confidence,
        nonExpiring: true,
        parts: { scheme: lower, user: decoded(user), host },
      });
    }
    return out;
  },
};
