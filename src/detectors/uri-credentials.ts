import type { Candidate } from "../model/finding.js";
import type { Confidence } from "../model/rule.js";
import type { Detector } from "./detector.js";
import { isSamplePath } from "../paths/classify.js";
import { valueDropReason } from "../values/verdict.js";

const SCHEMES = new Set(
  "postgres postgresql mysql mysqlx mariadb mongodb mongodb+srv redis rediss amqp amqps mssql sqlserver oracle ftp ftps sftp ldap ldaps smtp smtps imap imaps nats mqtt mqtts kafka clickhouse cockroachdb neo4j neo4j+s bolt couchbase couchdb rabbitmq elasticsearch http https git ssh svn socks5 socks5h".split(
    " ",
  ),
);
/** After `scheme://`: user, password (up to the last `@` before the host), host. Sticky: tried only where a `://` is. */
const USERINFO = /([^\s:/?#@'"`<>\\]{0,128}):([^\s/?#'"`<>\\]{1,256})@([A-Za-z0-9._~%-]{1,253}|\[[0-9a-fA-F:.]{2,45}\])/dy;
const SCHEME_CHAR = /[A-Za-z0-9+.-]/;
/** Passwords that only name the field, or mask or template it. */
const PLACEHOLDER =
  /^(?:pass|passwd|password|pwd|secret|pw|p|x+|\*+|\.+|changeme|change_?it|your[-_]?password|mypassword|my_password|<[^>]*>|\[[^\]]*\]|\{[^}]*\}|\$\{[^}]*\}|\$[A-Za-z_]\w*|%[\w()]*s|:\w+|token|apikey|api[-_]key|access[-_]?token|pat)$/i;
/** An environment variable name written where the password goes: `DB_PASSWORD`, `@DB_PASS@`. */
const VARIABLE_NAME = /^@?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*@?$/;
const PLACEHOLDER_USER = /^(?:user|username|usr|login|name|anonymous|\$\{[^}]*\}|\$[A-Za-z_]\w*|<[^>]*>|\{[^}]*\})$/i;
/** Hosts of documentation (RFC 2606/6761 names and the words samples use): the URL may be a sample, so low confidence. */
const DOC_HOST = /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|host|hostname|domain|your[-\w]*|server|myhost|dbhost|bogus\.\w+)$/i;
/** A host that is a template or a variable: the whole URL is. */
const TEMPLATE_HOST = /^<|\{|\$|(?:^|\.)(?:x{4,}|X{4,}|\*+)(?:\.|$)/;
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

/**
 * Documentation hosts lower the confidence instead of hiding the URL (low), and sample files
 * (tests, docs) by one step. A trivial password (`admin`, `guest`) is a weak default on a real
 * host (medium) and a local service's (low); a real password is high on a remote host, medium on
 * a local one.
 */
function confidenceOf(password: string, user: string, host: string, path: string): Confidence {
  if (DOC_HOST.test(host)) return "low";
  const trivial = TRIVIAL.test(unleet(password)) || password === user;
  const confidence = LOCAL_HOST.test(host) ? (trivial ? "low" : "medium") : trivial || password.length < 8 ? "medium" : "high";
  return isSamplePath(path) ? (confidence === "high" ? "medium" : "low") : confidence;
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

interface UriCredential {
  readonly scheme: string;
  readonly user: string;
  readonly password: string;
  readonly host: string;
  readonly start: number;
  readonly end: number;
}

/** Every `scheme://user:password@host` of a known scheme; `jdbc:` prefixes need nothing special. */
function* uriCredentials(text: string): Generator<UriCredential> {
  for (let at = text.indexOf("://"); at >= 0; at = text.indexOf("://", at + 3)) {
    let from = at;
    while (from > 0 && at - from < 20 && SCHEME_CHAR.test(text[from - 1] ?? "")) from--;
    const written = text.slice(from, at).toLowerCase();
    // SQLAlchemy writes dialect+driver (`postgresql+psycopg2`, `mysql+pymysql`).
    const scheme = SCHEMES.has(written) ? written : (written.split("+")[0] ?? "");
    if (!SCHEMES.has(scheme)) continue;
    USERINFO.lastIndex = at + 3;
    const m = USERINFO.exec(text);
    const span = m?.indices?.[2];
    if (m === null || span === undefined) continue;
    yield { scheme, user: m[1] ?? "", password: m[2] ?? "", host: m[3] ?? "", start: span[0], end: span[1] };
  }
}

/** Whether the password or the whole URL is a placeholder or a documentation sample. */
function isPlaceholder({ user, password, host }: UriCredential): boolean {
  const plain = decoded(password);
  // A password equal to the user name (`admin:admin`, `guest:guest`) or a word (`apppass`) is a weak
  // credential, reported with `weak: true`; only the field's own name and stand-ins are placeholders.
  if (plain.length < 4 || PLACEHOLDER.test(plain) || valueDropReason(plain) !== undefined) return true;
  return (VARIABLE_NAME.test(plain) && !/\d/.test(plain)) || PLACEHOLDER_USER.test(user) || TEMPLATE_HOST.test(host);
}

/** `scheme://user:password@host` in database, broker, mail, directory, file-transfer and HTTP URLs; the password is the secret. */
export const detector: Detector = {
  id: "uri-credentials",
  description: "Credentials in URLs (scheme://user:password@host) for databases, brokers, mail, LDAP, FTP and HTTP",
  triggers: ["://"],
  appliesTo: (fragment) => fragment.text.includes("://"),
  detect(fragment) {
    const out: Candidate[] = [];
    for (const uri of uriCredentials(fragment.text)) {
      if (isPlaceholder(uri)) continue;
      const confidence = confidenceOf(decoded(uri.password), decoded(uri.user), uri.host, fragment.path);
      out.push({
        ruleId: "uri-credentials",
        provider: PROVIDER[uri.scheme] ?? uri.scheme,
        kind: WEB_SCHEMES.has(uri.scheme) ? "password" : "connection-string",
        severity: confidence === "low" ? "low" : "high",
        // The literal as written, so that the fingerprint matches the same string elsewhere.
        secret: uri.password,
        start: uri.start,
        end: uri.end,
        confidence,
        nonExpiring: true,
        parts: { scheme: uri.scheme, user: decoded(uri.user), host: uri.host },
      });
    }
    return out;
  },
};
