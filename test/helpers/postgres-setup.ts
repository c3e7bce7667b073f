// vitest globalSetup: one PostgreSQL server for the run. NHISCAN_TEST_POSTGRES (set by .ci/run,
// or by hand) is used as is; otherwise a throwaway server is started here and stopped at the
// end. When neither works, the PostgreSQL tests fail with the reason (test/helpers/postgres.ts).
import type { TestProject } from "vitest/node";
import { startServer, stopServer } from "../../scripts/postgres-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of the test server, or why there is none. */
    postgres: { readonly url: string } | { readonly error: string };
  }
}

let started: string | undefined;

export function setup(project: TestProject): void {
  const given = process.env["NHISCAN_TEST_POSTGRES"];
  if (given !== undefined && given !== "") {
    project.provide("postgres", { url: given });
    return;
  }
  try {
    const server = startServer();
    started = server.dir;
    project.provide("postgres", { url: server.url });
  } catch (error) {
    project.provide("postgres", { error: error instanceof Error ? error.message : String(error) });
  }
}

export function teardown(): void {
  if (started !== undefined) stopServer(started);
}
