/** One PEM block (RFC 7468) found in a text, with its body decoded. */
export interface PemBlock {
  /** The label between `BEGIN ` and `-----`, e.g. `RSA PRIVATE KEY`. */
  readonly label: string;
  /** Offsets of the block from `-----BEGIN` to the end of `-----END …-----`. */
  readonly start: number;
  readonly end: number;
  /** RFC 1421 headers such as `Proc-Type` and `DEK-Info`, by name. */
  readonly headers: Readonly<Record<string, string>>;
  /** Base64 body with line breaks, indentation and comment markers removed. */
  readonly body: string;
  /** The block rebuilt canonically (64-column lines, `\n`), so that one key is one value wherever it sits. */
  readonly canonical: string;
}

// Bounded so that a BEGIN line without its END costs at most this many characters.
const MAX_BLOCK = 20_000;
// How far back on its line a BEGIN is checked for a `//` comment marker.
const LINE_HEAD = 256;
const BEGIN = /-----BEGIN ([A-Z0-9]+(?: [A-Z0-9]+){0,5})-----/g;
const END = /-----END ([A-Z0-9]+(?: [A-Z0-9]+){0,5})-----/g;
// Line breaks inside a block: real ones, or `\n` escapes in JSON and source strings.
const LINE_BREAKS = /\r?\n|\r|\\r\\n|\\n/g;
// What a block picks up in a comment, a YAML block scalar or a string concatenation. None of these
// characters is base64, except `//`, which is stripped only when the BEGIN line sits behind it.
const LINE_PREFIX = /^\s*(?:#|\*|;)?\s*["']?/;
const SLASH_PREFIX = /^\s*(?:\/\/)?\s*["']?/;
const LINE_SUFFIX = /(?:["']\s*[+,]?|\\)?\s*$/;
const HEADER = /^([A-Za-z][A-Za-z0-9-]{1,40}):\s*(.*)$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Every well-formed PEM block whose label `accept`s; a body that is not base64 (`...`, `<key>`) drops the block. */
export function findPemBlocks(text: string, accept: (label: string) => boolean): PemBlock[] {
  const out: PemBlock[] = [];
  const ends = new EndMarkers(text);
  BEGIN.lastIndex = 0;
  for (let m = BEGIN.exec(text); m !== null; m = BEGIN.exec(text)) {
    const label = m[1] ?? "";
    if (!accept(label)) continue;
    const endMarker = `-----END ${label}-----`;
    const bodyStart = m.index + m[0].length;
    const endAt = ends.next(label, bodyStart);
    // A body holds no `-----`: the search stops at the next marker, so BEGIN after BEGIN reads each stretch once.
    if (endAt < 0 || endAt - bodyStart > MAX_BLOCK || text.indexOf("-----", bodyStart) < endAt) continue;
    const before = text.slice(Math.max(0, m.index - LINE_HEAD), m.index);
    const block = parseBody(text.slice(bodyStart, endAt), before.slice(before.lastIndexOf("\n") + 1).includes("//"));
    if (block === undefined) continue;
    const end = endAt + endMarker.length;
    out.push({ label, start: m.index, end, ...block, canonical: canonicalPem(label, block.headers, block.body) });
    BEGIN.lastIndex = end;
  }
  return out;
}

/**
 * Where each label's END markers are, found in one pass: looking each BEGIN's END up with
 * `indexOf` read to the end of the text for every BEGIN without one (quadratic: 9 MB of BEGIN
 * lines ran past 300 s).
 */
class EndMarkers {
  private readonly byLabel = new Map<string, number[]>();
  private readonly cursor = new Map<string, number>();

  constructor(text: string) {
    END.lastIndex = 0;
    for (let m = END.exec(text); m !== null; m = END.exec(text)) {
      const label = m[1] ?? "";
      const list = this.byLabel.get(label) ?? [];
      if (list.length === 0) this.byLabel.set(label, list);
      list.push(m.index);
    }
  }

  /** The first END of `label` at or after `from` (-1 when none); `from` never decreases between calls. */
  next(label: string, from: number): number {
    const list = this.byLabel.get(label);
    if (list === undefined) return -1;
    let i = this.cursor.get(label) ?? 0;
    while (i < list.length && (list[i] ?? 0) < from) i++;
    this.cursor.set(label, i);
    return list[i] ?? -1;
  }
}

/** The body between BEGIN and END, read line by line and given up at the first line that is not base64. */
function parseBody(raw: string, slashComment: boolean): { headers: Record<string, string>; body: string } | undefined {
  const headers: Record<string, string> = {};
  let body = "";
  for (const rawLine of linesOf(raw)) {
    const line = rawLine.replace(LINE_SUFFIX, "").replace(slashComment ? SLASH_PREFIX : LINE_PREFIX, "");
    if (line === "") continue;
    const header = body === "" ? HEADER.exec(line) : null;
    if (header !== null) {
      headers[header[1] ?? ""] = (header[2] ?? "").trim();
      continue;
    }
    if (!BASE64.test(line)) return undefined;
    body += line;
  }
  return body.length === 0 ? undefined : { headers, body };
}

/** The lines of `raw`, split at real or escaped line breaks, one at a time (a bad first line ends the parse early). */
function* linesOf(raw: string): Generator<string> {
  LINE_BREAKS.lastIndex = 0;
  let at = 0;
  for (let m = LINE_BREAKS.exec(raw); m !== null; m = LINE_BREAKS.exec(raw)) {
    yield raw.slice(at, m.index);
    at = m.index + m[0].length;
  }
  yield raw.slice(at);
}

function canonicalPem(label: string, headers: Readonly<Record<string, string>>, body: string): string {
  const lines = [`-----BEGIN ${label}-----`];
  const names = Object.keys(headers);
  for (const name of names) lines.push(`${name}: ${headers[name] ?? ""}`);
  if (names.length > 0) lines.push("");
  // RFC 7468 wraps at 64 columns; ssh-keygen writes OpenSSH keys at 70.
  const width = label === "OPENSSH PRIVATE KEY" ? 70 : 64;
  for (let i = 0; i < body.length; i += width) lines.push(body.slice(i, i + width));
  lines.push(`-----END ${label}-----`);
  return lines.join("\n");
}

/** The decoded bytes of a base64 body. */
export function decodeBody(body: string): Buffer {
  return Buffer.from(body, "base64");
}
