/** A reference to a secret held by a CI system, an orchestrator or a vault: not a value. */
export interface SecretReference {
  /** The system holding the secret, e.g. `github-actions`, `kubernetes`, `vault`. */
  readonly system: string;
  /** Stable identifier of the managed secret, e.g. `github-actions:secrets.DEPLOY_KEY`. */
  readonly id: string;
  /** Offsets of the reference in the text. */
  readonly start: number;
  readonly end: number;
  /** Name and context: `name`, `workflow`, `job`, `key`… */
  readonly parts: Readonly<Record<string, string>>;
}

/** All matches of a global regex with the `d` flag, with the offsets of group `group`. */
export function* matchesOf(regex: RegExp, text: string, group = 1): Generator<{ value: string; start: number; end: number; match: RegExpExecArray }> {
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    const span = m.indices?.[group];
    if (span !== undefined) yield { value: m[group] ?? "", start: span[0], end: span[1], match: m };
  }
}

/** The YAML key at `indent` that encloses `offset`: the last such `key:` line before it. */
export function enclosingKey(text: string, offset: number, indent: number, after = 0): string | undefined {
  const head = text.slice(after, offset);
  const pattern = new RegExp(`^ {${indent}}([\\w.-][\\w .:/-]*?)\\s*:\\s*(?:#.*)?$`, "gm");
  let key: string | undefined;
  for (const m of head.matchAll(pattern)) key = m[1];
  return key;
}
