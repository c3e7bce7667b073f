import type { SecretReference } from "./reference.js";
import { matchesOf } from "./reference.js";

const KEY_REF = /^([ \t]*)(?:-[ \t]+)?(secretKeyRef|secretRef):[ \t]*(\{[^}\n]*\})?[ \t]*$/dgm;
const SECRET_NAME = /^[ \t]*(?:-[ \t]+)?secretName:[ \t]*['"]?([\w.-]{1,253})['"]?[ \t]*(?:#.*)?$/dgm;
const FIELD = /(?:^|[{,\s])(name|key):\s*['"]?([\w.-]{1,253})['"]?/g;

/** `name:` and `key:` of a flow mapping or of the block lines indented under the reference. */
function fieldsOf(text: string, match: RegExpExecArray): Record<string, string> {
  const fields: Record<string, string> = {};
  let body = match[3] ?? "";
  if (body === "") {
    const indent = (match[1] ?? "").length;
    const end = match.index + match[0].length;
    for (const line of text.slice(end + 1, end + 1000).split("\n")) {
      const lead = /^[ \t]*/.exec(line)?.[0].length ?? 0;
      if (line.trim() === "" || lead <= indent) break;
      body += `\n${line}`;
    }
  }
  for (const m of body.matchAll(FIELD)) fields[m[1] ?? ""] ??= m[2] ?? "";
  return fields;
}

/** `secretKeyRef` (name + key), `envFrom.secretRef` (name) and volume `secretName` in Kubernetes manifests and Helm charts. */
export function kubernetesReferences(text: string, path: string): SecretReference[] {
  const out: SecretReference[] = [];
  for (const { match, start, end } of matchesOf(KEY_REF, text, 2)) {
    const { name, key } = fieldsOf(text, match);
    if (name === undefined) continue;
    const id = key === undefined ? `kubernetes:secret/${name}` : `kubernetes:secret/${name}#${key}`;
    out.push({ system: "kubernetes", id, start, end, parts: { name, manifest: path, ...(key === undefined ? {} : { key }) } });
  }
  for (const { value: name, start, end } of matchesOf(SECRET_NAME, text)) {
    out.push({ system: "kubernetes", id: `kubernetes:secret/${name}`, start, end, parts: { name, manifest: path } });
  }
  return out;
}
