import { readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { joinPath } from "../util/path.js";

/** What a `.pgpass` line is matched against. */
export interface PgpassTarget {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
}

// libpq's socket directories, which a `localhost` line also matches.
const DEFAULT_SOCKET_DIRS = new Set(["/var/run/postgresql", "/run/postgresql", "/tmp"]);

/**
 * The password libpq would take from the password file (PGPASSFILE, else ~/.pgpass) for this
 * connection: the first line whose host, port, database and user match (`*` matches anything).
 * A file readable by group or others is ignored, as libpq ignores it.
 */
export function pgpassPassword(target: PgpassTarget, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env["PGPASSFILE"] ?? joinPath(env["HOME"] ?? homedir(), ".pgpass");
  let text: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile() || (process.platform !== "win32" && (stat.mode & 0o077) !== 0)) return undefined;
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const hosts = target.host.startsWith("/") && DEFAULT_SOCKET_DIRS.has(target.host) ? [target.host, "localhost"] : [target.host];
  const wanted = [hosts, [String(target.port)], [target.database], [target.user]];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const fields = splitFields(line);
    if (fields.length < 5) continue;
    if (wanted.every((values, i) => fields[i] === "*" || values.includes(fields[i] ?? ""))) return fields.slice(4).join(":");
  }
  return undefined;
}

/** `host:port:db:user:password`, where `\:` and `\\` stand for a literal colon and backslash. */
function splitFields(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (c === "\\" && i + 1 < line.length) {
      field += line[i + 1];
      i += 1;
    } else if (c === ":" && fields.length < 4) {
      fields.push(field);
      field = "";
    } else {
      field += c;
    }
  }
  fields.push(field);
  return fields;
}
