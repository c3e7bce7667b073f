import { Command } from "commander";
import type { StoreLocation } from "../../model/store.js";
import { storeLabel, storeLocation } from "../../store/location.js";
import { resolvePath } from "../../util/path.js";
import { EXIT } from "../exit-codes.js";
import type { ExitCode } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { loadStoreModule, storeLocationOf } from "../store-file.js";
import { STORE_OPTION } from "./inventory.js";

/** `nhiscan store import|export`: copy stores between SQLite and PostgreSQL, or join shards' stores. */
export function storeCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  const store = new Command("store").description("Copy inventories: SQLite to PostgreSQL and back, or join several shards' stores into one");
  store
    .command("import")
    .description("Copy one or more stores (SQLite files or postgres:// URLs) into --store; several sources are joined")
    .argument("<sources...>", "stores to read (left unchanged)")
    .option("--store <file|url>", STORE_OPTION)
    .addHelpText(
      "after",
      "\nExample (4 shards, each with its own SQLite file, joined into one PostgreSQL store):\n  nhiscan store import shard-*.db --store postgres://nhiscan@db.internal/inventory",
    )
    .action(async (sources: string[], flags: { store?: string }) => {
      const target = storeLocationOf(io, flags.store);
      await copy(
        io,
        sources.map((s) => storeLocation(s, (file) => resolvePath(io.cwd, file))),
        target,
      );
      setExit(EXIT.ok);
    });
  store
    .command("export")
    .description("Copy --store into another store (created when missing), e.g. SQLite to PostgreSQL or back")
    .argument("<destination>", "SQLite file or postgres:// URL to write")
    .option("--store <file|url>", STORE_OPTION)
    .action(async (destination: string, flags: { store?: string }) => {
      const source = storeLocationOf(io, flags.store);
      await copy(
        io,
        [source],
        storeLocation(destination, (file) => resolvePath(io.cwd, file)),
      );
      setExit(EXIT.ok);
    });
  return store;
}

async function copy(io: CliIo, sources: readonly StoreLocation[], target: StoreLocation): Promise<void> {
  const [{ openStore, withStore }, { copyStores }] = await Promise.all([import("../../store/open.js"), import("../../store/copy.js")]);
  const result = await loadStoreModule(async () => {
    const opened: Awaited<ReturnType<typeof openStore>>[] = [];
    try {
      for (const source of sources) opened.push(await openStore(source, { create: false }));
      return await withStore(target, { create: true }, (into) => copyStores(opened, into));
    } finally {
      for (const store of opened) await store.close();
    }
  });
  io.stderr(
    `nhiscan: copied ${sources.length} store(s) into ${storeLabel(target)}: ${result.scans} scan(s) (${result.skippedScans} already there), ` +
      `${result.credentials} new credential(s), ${result.events} event(s).\n`,
  );
}
