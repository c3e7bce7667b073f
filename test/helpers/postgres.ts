import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

/** The test server's admin URL; without a server, the test fails saying how to get one. */
export function postgresAdminUrl(): string {
  const server = inject("postgres");
  if ("error" in server) throw new Error(`PostgreSQL tests need a server: ${server.error}`);
  return server.url;
}

/** `url` with another database name (the query, e.g. ?host= for a socket, is kept). */
export function withDatabase(url: string, database: string, user?: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  if (user !== undefined) parsed.username = user;
  return parsed.toString();
}

/** Runs `work` on a connection to `url`, closed afterwards. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database of its own for one test (tests run in parallel); its URL. */
export async function freshDatabase(owner?: string): Promise<string> {
  const admin = postgresAdminUrl();
  const name = `nhiscan_test_${randomBytes(6).toString("hex")}`;
  await withClient(admin, (client) => client.query(`CREATE DATABASE ${name}${owner === undefined ? "" : ` OWNER ${owner}`}`));
  return withDatabase(admin, name);
}

/** Counts rows of each store table: what "exact" means in the concurrency tests. */
export async function tableCounts(url: string): Promise<Record<string, number>> {
  return withClient(url, async (client) => {
    const counts: Record<string, number> = {};
    for (const table of ["scans", "credentials", "target_credentials", "sightings", "locations", "events"]) {
      counts[table] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
    }
    return counts;
  });
}
