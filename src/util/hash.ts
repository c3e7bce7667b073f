import { createHash, createHmac } from "node:crypto";

/** Short hex SHA-256 of a string, for ids that need no secrecy (pattern hashes, match ids). */
export function shortHash(text: string, length = 16): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/**
 * Fingerprint of a secret value. With a key (NHISCAN_FINGERPRINT_KEY) it is an HMAC, so that
 * published inventories do not expose unsalted hashes of weak passwords.
 */
export function secretFingerprint(secret: string, key: string | undefined): string {
  const digest = key ? createHmac("sha256", key).update(secret).digest("hex") : createHash("sha256").update(secret).digest("hex");
  return digest.slice(0, 32);
}
