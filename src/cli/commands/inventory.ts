import { Command, Option } from "commander";
import { MANUAL_STATES, CREDENTIAL_STATES } from "../../model/store.js";
import type { CredentialState, ManualState } from "../../model/store.js";
import { INVENTORY_FORMATS } from "../../report/format-names.js";
import type { InventoryFormat } from "../../report/format-names.js";
import { resolveActor } from "../actor.js";
import { EXIT } from "../exit-codes.js";
import type { ExitCode } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { loadStoreModule, storeLocationOf } from "../store-file.js";
import { writeOutput } from "../write-output.js";

/** The `--store` option's help, shared by every command that reads a store. */
export const STORE_OPTION = "the inventory: an SQLite file, or postgres://… (default: NHISCAN_STORE)";

/** `nhiscan inventory list|set`: the credentials of a store, their states, owners and audit trail. */
export function inventoryCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  const inventory = new Command("inventory").description("Credentials recorded across scans (--store): states, owners, audit trail");
  inventory
    .command("list")
    .description("List every credential the store has recorded")
    .option("--store <file>", STORE_OPTION)
    .option("--debug", "print stack traces of errors")
    .addOption(new Option("--state <state>", "only credentials in this state").choices([...CREDENTIAL_STATES]))
    .addOption(new Option("-f, --format <format>", "output format").choices([...INVENTORY_FORMATS]).default("table"))
    .option("-o, --output <file>", "write to a file (mode 0600) instead of stdout")
    .action(async (flags: { store?: string; state?: CredentialState; format: InventoryFormat; output?: string }) => {
      const location = storeLocationOf(io, flags.store);
      const [{ withStore }, { listCredentials }, { formatInventory }] = await Promise.all([
        import("../../store/open.js"),
        import("../../store/queries.js"),
        import("../../report/inventory-list.js"),
      ]);
      const credentials = await loadStoreModule(() =>
        withStore(location, { create: false }, (store) =>
          listCredentials(store, { ...(flags.state === undefined ? {} : { state: flags.state }), now: new Date().toISOString() }),
        ),
      );
      writeOutput(io, formatInventory(credentials, flags.format, columnsOf(io, flags.output)), flags.output);
      setExit(EXIT.ok);
    });
  inventory
    .command("set")
    .description("Set a credential's state or owner by hand; every change is an audit event")
    .argument("<id>", "credential id, or a unique prefix of at least 8 characters")
    .option("--store <file>", STORE_OPTION)
    .option("--debug", "print stack traces of errors")
    .addOption(new Option("--state <state>", "new state").choices([...MANUAL_STATES]))
    .option("--owner <owner>", "assign an owner (team, user or e-mail)")
    .option("--note <text>", "why: recorded with the event")
    .addHelpText("after", "\nThe actor is NHISCAN_ACTOR, else git's user.email, else the OS user.")
    .action(async (id: string, flags: { store?: string; state?: ManualState; owner?: string; note?: string }) => {
      if (flags.state === undefined && flags.owner === undefined && flags.note === undefined) {
        io.stderr("nhiscan: inventory set needs --state, --owner or --note\n");
        setExit(EXIT.usage);
        return;
      }
      const location = storeLocationOf(io, flags.store);
      const [{ withStore }, { applyManualChange, resolveCredentialId }] = await Promise.all([import("../../store/open.js"), import("../../store/states.js")]);
      const change = {
        ...(flags.state === undefined ? {} : { state: flags.state }),
        ...(flags.owner === undefined ? {} : { owner: flags.owner }),
        ...(flags.note === undefined ? {} : { note: flags.note }),
      };
      const { credentialId, events } = await loadStoreModule(() =>
        withStore(location, { create: false }, async (store) => {
          const resolved = await resolveCredentialId(store, id);
          return { credentialId: resolved, events: await applyManualChange(store, resolved, change, resolveActor(io.env, io.cwd), new Date().toISOString()) };
        }),
      );
      io.stderr(`nhiscan: ${credentialId}: ${events === 0 ? "nothing changed" : `${events} event(s) recorded`}\n`);
      setExit(EXIT.ok);
    });
  return inventory;
}

/** The terminal width a listing fits, when it goes to a terminal. */
export function columnsOf(io: CliIo, output: string | undefined): { columns?: number } {
  return output === undefined && io.stdoutIsTTY && io.columns !== undefined ? { columns: io.columns } : {};
}
