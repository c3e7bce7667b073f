/**
 * Redacted form of a secret: a short prefix (at most a fifth of the value, never more than
 * 6 characters), the length and the start of the credential id, e.g. `ghp_ab…[40 chars, #3f9a1c]`.
 * Private key blocks show only their header.
 */
export function redact(secret: string, credentialId: string): string {
  const header = /^-----BEGIN [A-Z0-9 ]+-----/.exec(secret);
  const prefix = header !== null ? header[0] : secret.slice(0, Math.min(6, Math.floor(secret.length / 5)));
  return `${prefix}…[${secret.length} chars, #${credentialId.slice(0, 8)}]`;
}
