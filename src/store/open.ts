import type { StoreBackend, StoreLocation } from "../model/store.js";

/** An open store of either backend: what every query in src/store runs on. */
export type Store = StoreBackend;

/**
 * Opens the store at `location` (with `create`, creating it), migrating an older schema. Each
 * backend's driver is loaded only when its kind is used: SQLite users never load `pg`, and
 * PostgreSQL users never need the SQLite binding.
 */
export async function openStore(location: StoreLocation, options: { create: boolean }): Promise<Store> {
  if (location.kind === "postgres") {
    const { openPostgresStore } = await import("./postgres.js");
    return openPostgresStore(location, options);
  }
  const { openSqliteStore } = await import("./sqlite.js");
  return openSqliteStore(location.file, options);
}

/** Opens a store, runs `use` on it and closes it, whatever happens. */
export async function withStore<T>(location: StoreLocation, options: { create: boolean }, use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(location, options);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
