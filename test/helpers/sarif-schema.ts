import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import type { ErrorObject, ValidateFunction } from "ajv";

// The official SARIF 2.1.0 schema (fixtures/schemas). It is draft-04; the keywords it uses mean
// the same in Ajv's default draft, so only its draft-04 `$schema`/`id` header is dropped.
const SCHEMA_FILE = path.resolve(import.meta.dirname, "..", "..", "fixtures", "schemas", "sarif-2.1.0-rtm.5.json");

let validate: ValidateFunction | undefined;

/** Validates a SARIF log against the official schema; returns the errors (empty when valid). */
export function sarifSchemaErrors(log: unknown): ErrorObject[] {
  if (validate === undefined) {
    const { $schema: _meta, id: _id, ...schema } = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as Record<string, unknown>;
    // The schema has a pattern that is not valid with the `u` flag; formats are checked, not ignored.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    ajv.addFormat("uri", (s: string) => URL.canParse(s));
    ajv.addFormat("uri-reference", (s: string) => URL.canParse(s, "file:///") && !/\s/.test(s));
    ajv.addFormat("date-time", (s: string) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)));
    validate = ajv.compile(schema);
  }
  return validate(log) ? [] : [...(validate.errors ?? [])];
}
