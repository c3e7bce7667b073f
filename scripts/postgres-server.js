// A throwaway PostgreSQL server for the tests, the one place that starts and stops it (used by
// .ci/run and by vitest's globalSetup, test/helpers/postgres-setup.ts).
//
//   node scripts/postgres-server.js start   prints NHISCAN_TEST_POSTGRES=<url> and
//                                           NHISCAN_TEST_POSTGRES_DIR=<dir> lines (for eval)
//   node scripts/postgres-server.js stop DIR
//
// It initdb's a cluster in a temporary folder as an unprivileged user (as root: the `postgres`
// system user, created when missing), and starts it listening only on a Unix socket inside that
// folder, so nothing else on the machine can reach it and no port can clash. Trust
// authentication, except the role `nhiscan_password`, which must give its password (the tests
// of password handling use it).
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const PORT = 5432;
export const PASSWORD_ROLE = "nhiscan_password";
const INSTALL_HINT =
  "Install PostgreSQL's server binaries (Debian: apt-get install postgresql; they land in /usr/lib/postgresql/<version>/bin), " +
  "or point NHISCAN_TEST_POSTGRES at a server you run (e.g. postgresql://postgres@localhost/postgres) where this user may create databases.";

/** initdb and pg_ctl: on PATH, in /usr/local/bin, or in Debian's versioned folder (newest first). */
export function findPostgresBinaries() {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/local/bin", "/usr/lib/postgresql/bin"];
  if (existsSync("/usr/lib/postgresql")) {
    const versions = readdirSync("/usr/lib/postgresql")
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  }
  for (const dir of dirs) {
    if (dir !== "" && existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl"))) {
      return { initdb: path.join(dir, "initdb"), pgCtl: path.join(dir, "pg_ctl") };
    }
  }
  return undefined;
}

/** Runs `command` as the server's user: ourselves, or `postgres` when we are root. */
function asServerUser(user, command, args) {
  const [file, argv] = user === undefined ? [command, args] : ["runuser", ["-u", user, "--", command, ...args]];
  const result = spawnSync(file, argv, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(
      `${[command, ...args].join(" ")} failed (${result.status ?? result.signal}): ${(result.stderr || result.stdout || String(result.error ?? "")).trim()}`,
    );
  }
  return result.stdout;
}

/** The unprivileged user the server runs as when we are root; created when missing. */
function serverUser() {
  if (process.getuid?.() !== 0) return undefined;
  if (spawnSync("id", ["-u", "postgres"]).status !== 0) {
    execFileSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
  }
  return "postgres";
}

/**
 * Starts a throwaway server; resolves to its admin URL and folder. Throws, with how to get a
 * server, when the binaries are missing or the start fails.
 */
export function startServer() {
  const bins = findPostgresBinaries();
  if (bins === undefined) throw new Error(`no PostgreSQL server binaries (initdb, pg_ctl) found. ${INSTALL_HINT}`);
  let dir;
  try {
    const user = serverUser();
    dir = mkdtempSync(path.join(tmpdir(), "nhiscan-pg-"));
    if (user !== undefined) {
      const uid = Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", user], { encoding: "utf8" }).trim());
      chownSync(dir, uid, gid);
    }
    const data = path.join(dir, "data");
    asServerUser(user, bins.initdb, ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
    // The password role authenticates; everyone else on this private socket is trusted.
    writeFileSync(path.join(data, "pg_hba.conf"), `local all ${PASSWORD_ROLE} scram-sha-256\nlocal all all trust\n`);
    const options = [
      `-k ${dir}`,
      "-c listen_addresses=''",
      `-p ${PORT}`,
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c max_connections=200",
    ];
    asServerUser(user, bins.pgCtl, ["-D", data, "-l", path.join(dir, "server.log"), "-o", options.join(" "), "-w", "-t", "60", "start"]);
  } catch (error) {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    throw new Error(`cannot start a throwaway PostgreSQL server: ${error instanceof Error ? error.message : String(error)}. ${INSTALL_HINT}`);
  }
  return { url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}&port=${PORT}`, dir };
}

/** Stops the server in `dir` (immediately: it holds only test data) and deletes the folder. */
export function stopServer(dir) {
  const bins = findPostgresBinaries();
  const data = path.join(dir, "data");
  if (bins !== undefined && existsSync(data)) {
    try {
      asServerUser(serverUser(), bins.pgCtl, ["-D", data, "-m", "immediate", "-w", "stop"]);
    } catch (error) {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

export { INSTALL_HINT };

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [command, dir] = process.argv.slice(2);
  if (command === "start") {
    try {
      const server = startServer();
      process.stdout.write(`NHISCAN_TEST_POSTGRES='${server.url}'\nNHISCAN_TEST_POSTGRES_DIR='${server.dir}'\n`);
    } catch (error) {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  } else if (command === "stop" && dir !== undefined) {
    stopServer(dir);
  } else {
    process.stderr.write("usage: node scripts/postgres-server.js start | stop DIR\n");
    process.exitCode = 2;
  }
}
