// A value found as a secret can also sit in text the repository supplies elsewhere in the report:
// an author name or e-mail, a path, an owner hint, a warning's detail. Every string of the report
// goes through here, the one place that redacts repository text, so no field carries it raw.

// Shortest value looked for: shorter ones are too common to be told from ordinary text.
const MIN_LENGTH = 8;

/**
 * A deep copy of `value` with every occurrence of a `secrets` value, in any string or key,
 * replaced by `preview(secret)`. Linear in the report: secrets are indexed by their first
 * characters, and each string is probed once per position.
 */
export function redactKnownSecrets<T>(value: T, secrets: Iterable<string>, preview: (secret: string) => string): T {
  const byHead = new Map<string, string[]>();
  for (const secret of new Set(secrets)) {
    if (secret.length < MIN_LENGTH) continue;
    const head = secret.slice(0, MIN_LENGTH);
    const list = byHead.get(head) ?? [];
    if (list.length === 0) byHead.set(head, list);
    list.push(secret);
  }
  if (byHead.size === 0) return value;
  // Longest first: a value that contains another is replaced whole.
  for (const list of byHead.values()) list.sort((a, b) => b.length - a.length);
  const redactText = (text: string): string => {
    if (text.length < MIN_LENGTH) return text;
    let out = "";
    let copied = 0;
    for (let i = 0; i + MIN_LENGTH <= text.length; ) {
      const found = byHead.get(text.slice(i, i + MIN_LENGTH))?.find((s) => text.startsWith(s, i));
      if (found === undefined) {
        i++;
        continue;
      }
      out += text.slice(copied, i) + preview(found);
      i += found.length;
      copied = i;
    }
    return copied === 0 ? text : out + text.slice(copied);
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return redactText(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [redactText(k), walk(x)]));
    return v;
  };
  return walk(value) as T;
}
