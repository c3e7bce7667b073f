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
const BEGIN = /-----BEGIN ([A-Z0-9]+(?: [A-Z0-9]+){0,5})-----/g;
// Line breaks inside a block: real ones, or `\n` escapes in JSON and source strings.
const LINE_BREAK = /\r?\n|\r|\\r\\n|\\n/;
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
  BEGIN.lastIndex = 0;
  for (let m = BEGIN.exec(text); m !== null; m = BEGIN.exec(text)) {
    const label = m[1] ?? "";
    if (!accept(label)) continue;
    const endMarker = `-----END ${label}-----`;
    const bodyStart = m.index + m[0].length;
    const endAt = text.indexOf(endMarker, bodyStart);
    if (endAt < 0 || endAt - bodyStart > MAX_BLOCK) continue;
    const lineStart = text.lastIndexOf("\n", m.index) + 1;
    const block = parseBody(text.slice(bodyStart, endAt), text.slice(lineStart, m.index).includes("//"));
    if (block === undefined) continue;
    const end = endAt + endMarker.length;
    out.push({ label, start: m.index, end, ...block, canonical: canonicalPem(label, block.headers, block.body) });
    BEGIN.lastIndex = end;
  }
  return out;
}

function parseBody(raw: string, slashComment: boolean): { headers: Record<string, string>; body: string } | undefined {
  const headers: Record<string, string> = {};
  let body = "";
  for (const rawLine of raw.split(LINE_BREAK)) {
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
