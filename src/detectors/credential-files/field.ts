/** One value read from a credential file, with its key and the offsets of its text in the file. */
export interface CredentialField {
  /** The key, element, attribute, column number or token that names the value. */
  readonly key: string;
  /** The value as its format means it (unquoted, unescaped, entity-decoded). */
  readonly value: string;
  /** Offsets of the value as written. */
  readonly start: number;
  readonly end: number;
  /** Keys of the enclosing sections, maps or elements, outermost first (for structured formats). */
  readonly path?: readonly string[];
  /** The `encoding` attribute of an XML element (FileZilla writes `encoding="base64"`). */
  readonly encoding?: string;
  /** The user and host the value belongs to, where the format says. */
  readonly user?: string;
  readonly host?: string;
}

/** How a secret field's value is stored. */
export type Decoding = "base64" | "base64-if-marked" | "base64-user-pass";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function fromBase64(value: string): string | undefined {
  if (value.length % 4 === 1 || !BASE64.test(value)) return undefined;
  const text = Buffer.from(value, "base64").toString("utf8");
  // Decoded bytes that are not text mean the value was not base64 of a password after all.
  return text.length > 0 && !/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text) ? text : undefined;
}

/** The secret and the user it names, decoded as the format stores them; the value as is when it does not decode. */
export function decodeField(field: CredentialField, decoding: Decoding | undefined): { secret: string; user?: string } {
  if (decoding === undefined || (decoding === "base64-if-marked" && field.encoding !== "base64")) return { secret: field.value };
  const text = fromBase64(field.value);
  if (text === undefined) return { secret: field.value };
  if (decoding !== "base64-user-pass") return { secret: text };
  const colon = text.indexOf(":");
  // `user:password` (Docker `auth`, npm `_auth`): the password is the secret, the user a part.
  return colon > 0 && colon < text.length - 1 ? { secret: text.slice(colon + 1), user: text.slice(0, colon) } : { secret: field.value };
}
