import { Command, Option } from "commander";
import { MANUAL_STATES, CREDENTIAL_STATES } from "../../model/store.js";
import type { CredentialState, ManualState } from "../../model/store.js";
import { INVENTORY_FORMATS } from "../../report/format-names.js";
import type { InventoryFormat } from "../../report/format-names.js";
import { resolveActor } from "../actor.js";
import { EXIT } from "../exit-codes.js";
import type { ExitCode } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { loadStoreModule, storeFileOf } from "../store-file.js";
import { writeOutput } from "../write-output.js";

/** `nhiscan inventory list|set`: the credentials of a store, their states, owners and audit trail. */
export function inventoryCommand(io: CliIo, setExit: (code: ExitCode) => void): Command {
  const inventory = new Command("inventory").description("Credentials recorded across scans (--store): states, owners, audit trail");
  inventory
    .command("list")
    .description("List every credential the store has recorded")
    .option("--store <file>", "the SQLite inventory (default: NHISCAN_STORE)")
    .option("--debug", "print stack traces of errors")
    .addOption(new Option("--state <state>", "only credentials in this state").choices([...CREDENTIAL_STATES]))
    .addOption(new Option("-f, --format <format>", "output format").choices([...INVENTORY_FORMATS]).default("table"))
    .option("-o, --output <file>", "write to a file (mode 0600) instead of stdout")
    .action(async (flags: { store?: string; state?: CredentialState; format: InventoryFormat; output?: string }) => {
      const file = storeFileOf(io, flags.store);
      const [{ openStore }, { listCredentials }, { formatInventory }] = await Promise.all([
        loadStoreModule(() => import("../../store/open.js")),
        import("../../store/queries.js"),
        import("../../report/inventory-list.js"),
      ]);
      const store = openStore(file, { create: false });
      try {
        const credentials = listCredentials(store, { ...(flags.state === undefined ? {} : { state: flags.state }), now: new Date().toISOString() });
        writeOutput(io, formatInventory(credentials, flags.format, columnsOf(io, flags.output)), flags.output);
      } finally {
        store.close();
      }
      setExit(EXIT.ok);
    });
  inventory
    .command("set")
    .description("Set a credential's state or owner by hand; every change is an audit event")
    .argument("<id>", "credential id, or a unique prefix of at least 8 characters")
    .option("--store <file>", "the SQLite inventory (default: NHISCAN_STORE)")
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
      const file = storeFileOf(io, flags.store);
      const [{ openStore }, { applyManualChange, resolveCredentialId }] = await Promise.all([loadStoreModule(() => import("../../store/open.js")), import("../../store/states.js")]);
      const store = openStore(file, { create: false });
      try {
        const credentialId = resolveCredentialId(store, id);
        const change = {
          ...(flags.state === undefined ? {} : { state: flags.state }),
          ...(flags.owner === undefined ? {} : { owner: flags.owner }),
          ...(flags.note === undefined ? {} : { note: flags.note }),
        };
        const events = applyManualChange(store, credentialId, change, resolveActor(io.env, io.cwd), new Date().toISOString());
        io.stderr(`nhiscan: ${credentialId}: ${events === 0 ? "nothing changed" : `${events} event(s) recorded`}\n`);
      } finally {
        store.close();
      }
      setExit(EXIT.ok);
    });
  return inventory;
}

/** The terminal width a listing fits, when it goes to a terminal. */
export function columnsOf(io: CliIo, output: string | undefined): { columns?: number } {
  return output === undefined && io.stdoutIsTTY && io.columns !== undefined ? { columns: io.columns } : {};
}
