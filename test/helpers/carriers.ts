// Typed re-export of the shared carrier writer (scripts/carriers.js).
import { CARRIERS as untypedCarriers, carry as untypedCarry } from "../../scripts/carriers.js";

export type Carrier = "txt" | "no-extension" | "log" | "json" | "yaml" | "env" | "xml-attribute" | "shell-export" | "code-literal" | "markdown";

export const CARRIERS = untypedCarriers as readonly Carrier[];

/** The relative file name and content of an example line written into a carrier. */
export function carry(carrier: Carrier, input: string, secret: string | undefined): { file: string; text: string } {
  return (untypedCarry as (c: string, i: string, s: string | undefined) => { file: string; text: string })(carrier, input, secret);
}
