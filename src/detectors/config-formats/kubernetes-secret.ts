import type { Pair } from "yaml";
import type { KeyValue } from "./line-pairs.js";
import { lazyRequire } from "../../util/lazy-require.js";

// Loaded on first use: most scans never parse YAML this way.
const yaml = lazyRequire<typeof import("yaml")>("yaml");

/** A value from a Kubernetes `Secret`: `data` values arrive base64-decoded. */
export interface SecretEntry extends KeyValue {
  /** The value as written: base64 for `data`, literal for `stringData`. */
  readonly literal: string;
  readonly encoding: "base64" | "none";
}

const MANIFEST_HINT = /^kind:\s*["']?Secret["']?\s*$/m;
const BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;

/** Whether a YAML text may hold a Kubernetes Secret manifest (cheap test before parsing). */
export function mayHoldSecretManifest(text: string): boolean {
  return MANIFEST_HINT.test(text);
}

/** Entries of every `kind: Secret` document: `data` decoded from base64, `stringData` as is. */
export function kubernetesSecretEntries(text: string): SecretEntry[] {
  const out: SecretEntry[] = [];
  let documents: ReturnType<typeof import("yaml").parseAllDocuments>;
  try {
    documents = yaml().parseAllDocuments(text);
  } catch {
    return out;
  }
  if (!Array.isArray(documents)) return out;
  for (const doc of documents) {
    if (!yaml().isMap(doc.contents) || doc.get("kind") !== "Secret") continue;
    for (const [field, encoding] of [
      ["data", "base64"],
      ["stringData", "none"],
    ] as const) {
      const map = doc.get(field, true);
      if (!yaml().isMap(map)) continue;
      for (const pair of map.items) {
        const entry = entryOf(pair, text, encoding);
        if (entry !== undefined) out.push(entry);
      }
    }
  }
  return out;
}

function entryOf(pair: Pair<unknown, unknown>, text: string, encoding: "base64" | "none"): SecretEntry | undefined {
  const { key, value } = pair;
  if (!yaml().isScalar(key) || !yaml().isScalar(value) || typeof value.value !== "string" || value.range == null) return undefined;
  const literal = value.value;
  if (encoding === "base64" && !BASE64.test(literal)) return undefined;
  const decoded = encoding === "base64" ? Buffer.from(literal.replace(/\s+/g, ""), "base64").toString("utf8") : literal;
  // Block scalars (`|`) start at their indicator; point at the first character of the value itself.
  const firstLine = literal.split("\n")[0] ?? "";
  const found = text.indexOf(firstLine, value.range[0]);
  const start = found >= 0 && found < value.range[1] ? found : value.range[0];
  return { key: String(key.value), value: decoded, literal, encoding, start, end: Math.max(start, trimEnd(text, value.range[1])) };
}

function trimEnd(text: string, end: number): number {
  let at = end;
  while (at > 0 && /\s/.test(text[at - 1] ?? "")) at--;
  return at;
}
