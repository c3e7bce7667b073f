import { NhiscanError } from "../model/errors.js";
import type { CliIo } from "./io.js";
import { resolvePath } from "../util/path.js";

/** The store file of a command: --store, else NHISCAN_STORE; neither is a usage error. */
export function storeFileOf(io: CliIo, flag: string | undefined): string {
  const file = flag ?? io.env["NHISCAN_STORE"];
  if (file === undefined || file === "") {
    throw new NhiscanError("store-missing", "no store given", { hint: "Pass --store FILE or set NHISCAN_STORE." });
  }
  return resolvePath(io.cwd, file);
}
