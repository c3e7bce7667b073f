import { X509Certificate } from "node:crypto";
import { crc32 } from "node:zlib";
import type { ValidatorId } from "../model/rule.js";

/** Result of an offline validator: `valid` with facts, `invalid`, or not decidable. */
export type Validation =
  | { readonly status: "valid"; readonly parts?: Readonly<Record<string, string>> }
  | { readonly status: "invalid" }
  | { readonly status: "unknown" };

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Base62 of a 32-bit number, left-padded with `0` to 6 characters. */
export function base62Checksum(value: number): string {
  let out = "";
  let n = value >>> 0;
  do {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(6, "0");
}

/**
 * GitHub (2021 format) and npm tokens end in a base62 CRC32 of the 30 characters before it.
 * https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
 */
function checkCrc32Token(token: string, prefixLength: number): Validation {
  const body = token.slice(prefixLength);
  if (body.length !== 36) return { status: "unknown" };
  const expected = base62Checksum(crc32(body.slice(0, 30)));
  return expected === body.slice(30) ? { status: "valid" } : { status: "invalid" };
}

/**
 * AWS access key ids are a 4-letter type prefix and base32 data; the account id is encoded in
 * the first 48 bits after the prefix (https://awsteele.com/blog/2020/09/26/aws-access-key-format.html).
 */
function checkAwsKeyId(id: string): Validation {
  if (!/^(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}$/.test(id)) return { status: "invalid" };
  if (!id.startsWith("AKIA") && !id.startsWith("ASIA")) return { status: "valid" };
  let bits = 0n;
  for (const ch of id.slice(4)) bits = (bits << 5n) | BigInt(BASE32.indexOf(ch));
  // 16 base32 chars = 80 bits; the account id sits in bits 1–40 of the first 48.
  const account = (((bits >> 32n) & 0x7fffffffff80n) >> 7n).toString().padStart(12, "0");
  return { status: "valid", parts: { account } };
}

function checkJwt(token: string): Validation {
  const [header, payload] = token.split(".");
  if (header === undefined || payload === undefined) return { status: "invalid" };
  try {
    const decoded = JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as unknown;
    JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return typeof decoded === "object" && decoded !== null && "alg" in decoded ? { status: "valid" } : { status: "invalid" };
  } catch {
    return { status: "invalid" };
  }
}

function checkPem(block: string): Validation {
  const body = block
    .replace(/-----[A-Z0-9 ]+-----/g, "")
    .replace(/^[A-Za-z-]+:.*$/gm, "")
    .replace(/\s+/g, "");
  if (body.length < 64 || !/^[A-Za-z0-9+/]+=*$/.test(body)) return { status: "invalid" };
  if (block.includes("CERTIFICATE")) {
    try {
      new X509Certificate(block);
    } catch {
      return { status: "invalid" };
    }
  }
  return { status: "valid" };
}

/** Runs a named validator over a captured secret. */
export function runValidator(id: ValidatorId, secret: string): Validation {
  switch (id) {
    case "github-crc32":
      return checkCrc32Token(secret, secret.indexOf("_") + 1);
    case "npm-crc32":
      return checkCrc32Token(secret, 4);
    case "aws-access-key-id":
      return checkAwsKeyId(secret);
    case "jwt":
      return checkJwt(secret);
    case "pem":
      return checkPem(secret);
  }
}
