import { generateKeyPairSync, randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { detector } from "../../src/detectors/private-key.js";
import { detect } from "../helpers/detect.js";

// Keys are generated at test time and used nowhere else.
const PASSPHRASE = "test-only-passphrase";
const rsa = () => generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey;
const pem = {
  rsa: () => rsa().export({ type: "pkcs1", format: "pem" }).toString().trim(),
  rsaLegacyEncrypted: () => rsa().export({ type: "pkcs1", format: "pem", cipher: "aes-128-cbc", passphrase: PASSPHRASE }).toString().trim(),
  ec: () => generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ type: "sec1", format: "pem" }).toString().trim(),
  pkcs8: () => generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString().trim(),
  pkcs8Encrypted: () =>
    generateKeyPairSync("ec", { namedCurve: "secp384r1" })
      .privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: PASSPHRASE })
      .toString()
      .trim(),
};

/** An OpenSSH (openssh-key-v1) block with the given cipher and random key material. */
function openSsh(cipher: string): string {
  const name = Buffer.from(cipher);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(name.length);
  const body = Buffer.concat([Buffer.from("openssh-key-v1\u0000"), length, name, randomBytes(300)]).toString("base64");
  return ["-----BEGIN OPENSSH PRIVATE KEY-----", ...(body.match(/.{1,70}/g) ?? []), "-----END OPENSSH PRIVATE KEY-----"].join("\n");
}

function putty(encryption: string): string {
  const b64 = (n: number) => randomBytes(n).toString("base64");
  return [
    "PuTTY-User-Key-File-3: ssh-ed25519",
    `Encryption: ${encryption}`,
    "Comment: test-key",
    "Public-Lines: 2",
    b64(48),
    b64(12),
    "Private-Lines: 1",
    b64(48),
    `Private-MAC: ${randomBytes(32).toString("hex")}`,
  ].join("\n");
}

describe("private-key: invalid (reported)", () => {
  test.each([
    ["PKCS#1 RSA", pem.rsa(), { keyType: "rsa", format: "pem", encrypted: "false" }],
    ["PKCS#1 RSA, legacy encryption", pem.rsaLegacyEncrypted(), { keyType: "rsa", format: "pem", encrypted: "true" }],
    ["SEC1 EC", pem.ec(), { keyType: "ec", format: "pem", encrypted: "false" }],
    ["PKCS#8", pem.pkcs8(), { keyType: "pkcs8", format: "pem", encrypted: "false" }],
    ["encrypted PKCS#8", pem.pkcs8Encrypted(), { keyType: "pkcs8", format: "pem", encrypted: "true" }],
    ["OpenSSH", openSsh("none"), { keyType: "openssh", format: "openssh", encrypted: "false" }],
    ["OpenSSH with a passphrase", openSsh("aes256-ctr"), { keyType: "openssh", format: "openssh", encrypted: "true" }],
  ])("%s", (_name, key, parts) => {
    const text = `# key\n${key}\n`;
    const [found, ...rest] = detect(detector, text, "deploy/id.pem");
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ ruleId: "private-key", kind: "private-key", confidence: "high", nonExpiring: true, parts });
    expect(found?.severity).toBe(parts.encrypted === "true" ? "high" : "critical");
    expect(found?.secret).toBe(key);
    expect(text.slice(found?.start, found?.end)).toBe(key);
  });

  test.each([
    [
      "indented in a YAML block scalar",
      (k: string) =>
        `tls:\n  key: |\n${k
          .split("\n")
          .map((l) => `    ${l}`)
          .join("\n")}\n`,
      "values.yaml",
    ],
    ["escaped in a JSON string", (k: string) => `{"private_key": ${JSON.stringify(`${k}\n`)}}`, "sa.json"],
    [
      "behind comment markers",
      (k: string) =>
        k
          .split("\n")
          .map((l) => `# ${l}`)
          .join("\n"),
      "notes.sh",
    ],
    [
      "in a string concatenation",
      (k: string) =>
        k
          .split("\n")
          .map((l) => `  "${l}\\n" +`)
          .join("\n"),
      "key.js",
    ],
  ])("%s: the secret is the canonical block", (_name, wrap, path) => {
    const key = pem.rsa();
    const found = detect(detector, wrap(key), path);
    expect(found.map((c) => c.secret)).toEqual([key]);
  });

  test.each([
    ["unencrypted", "none", "false", "critical"],
    ["encrypted", "aes256-cbc", "true", "high"],
  ])("PuTTY .ppk, %s", (_name, encryption, encrypted, severity) => {
    const found = detect(detector, putty(encryption), "keys/deploy.ppk");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ provider: "putty", severity, parts: { format: "putty", keyType: "ssh-ed25519", encrypted } });
  });

  test("a body whose structure is not a key's is still reported, with medium confidence", () => {
    const body = randomBytes(120).toString("base64").replace(/^./, "A");
    const found = detect(detector, `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`);
    expect(found.map((c) => c.confidence)).toEqual(["medium"]);
  });
});

describe("private-key: valid (nothing reported)", () => {
  test.each([
    ["a truncated sample", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----"],
    ["a placeholder", "-----BEGIN PRIVATE KEY-----\n<paste your key here>\n-----END PRIVATE KEY-----"],
    ["an empty block", "-----BEGIN EC PRIVATE KEY-----\n-----END EC PRIVATE KEY-----"],
    ["a low-entropy body", `-----BEGIN PRIVATE KEY-----\n${"A".repeat(64)}\n${"A".repeat(64)}\n-----END PRIVATE KEY-----`],
    ["a BEGIN line without END", `-----BEGIN RSA PRIVATE KEY-----\n${randomBytes(200).toString("base64")}\n`],
    ["mismatched labels", `-----BEGIN RSA PRIVATE KEY-----\n${randomBytes(200).toString("base64")}\n-----END EC PRIVATE KEY-----`],
    ["a public key", generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString()],
    ["code that names the markers", 'if (pem.startsWith("-----BEGIN RSA PRIVATE KEY-----")) return "pkcs1";'],
    ["a PuTTY header alone", "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: placeholder\nPublic-Lines: 2"],
  ])("%s", (_name, text) => {
    expect(detect(detector, text)).toEqual([]);
  });
});
