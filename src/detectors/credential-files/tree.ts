import type { Node } from "yaml";
import { lazyRequire } from "../../util/lazy-require.js";
import type { CredentialField } from "./field.js";

// Loaded on first use: only named credential files in JSON or YAML need it.
const yaml = lazyRequire<typeof import("yaml")>("yaml");

/** `//` and `/* … *\/` comments outside strings, blanked to spaces so that offsets stay (editor configs are JSONC). */
function blankComments(text: string): string {
  return text.replace(/"(?:[^"\\\n]|\\.)*"|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (m) => (m.startsWith('"') ? m : m.replace(/[^\n]/g, " ")));
}

/**
 * String leaves of a JSON, JSONC or YAML credential file, each with the keys above it. YAML 1.2
 * reads JSON (and tolerates the trailing commas of hand-edited JSONC), and keeps source ranges.
 */
export function treeFields(text: string, isJson: boolean): CredentialField[] {
  const out: CredentialField[] = [];
  let documents: ReturnType<typeof import("yaml").parseAllDocuments>;
  try {
    documents = yaml().parseAllDocuments(isJson ? blankComments(text) : text, { uniqueKeys: false });
  } catch {
    return out;
  }
  if (!Array.isArray(documents)) return out;
  for (const doc of documents) if (doc.errors.length === 0) walk(doc.contents, [], out);
  return out;
}

function walk(node: Node | null, path: readonly string[], out: CredentialField[]): void {
  const y = yaml();
  if (y.isMap(node)) {
    for (const pair of node.items) {
      const key = y.isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) continue;
      if (y.isScalar(pair.value) && typeof pair.value.value === "string" && pair.value.range != null) {
        const [start, end] = valueSpan(pair.value);
        out.push({ key, value: pair.value.value, start, end, path });
      } else walk(pair.value as Node | null, [...path, key], out);
    }
  } else if (y.isSeq(node)) {
    for (const item of node.items) walk(item as Node | null, path, out);
  }
}

/** The offsets of a scalar's text, inside its quotes. */
function valueSpan(scalar: import("yaml").Scalar): [number, number] {
  const [start, end] = scalar.range ?? [0, 0];
  const quoted = scalar.type === "QUOTE_DOUBLE" || scalar.type === "QUOTE_SINGLE";
  return quoted ? [start + 1, Math.max(start + 1, end - 1)] : [start, end];
}
