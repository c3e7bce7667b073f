import type { Candidate } from "../model/finding.js";
import type { Severity } from "../model/rule.js";
import { shannonEntropy } from "../util/text.js";
import type { Detector } from "./detector.js";
import { decodeBody, findPemBlocks } from "./pem.js";
import type { PemBlock } from "./pem.js";
import { fragmentIncludes } from "../sources/decode.js";

const KEY_LABEL = /^(?:(RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY$/;
const KEY_TYPES: Readonly<Record<string, string>> = { RSA: "rsa", EC: "ec", DSA: "dsa", OPENSSH: "openssh", ENCRYPTED: "pkcs8", "": "pkcs8" };
const OPENSSH_MAGIC = "openssh-key-v1\u0000";
const PUTTY_HEADER = /PuTTY-User-Key-File-([23]): ([\w@.-]{1,64})\r?\n/g;
const PUTTY_LINE = /^([A-Za-z-]{1,40}): ?(.*)$/;
// Below this a body of random base64 is almost certainly not a placeholder; `AAAA…` is.
const MIN_BODY_ENTROPY = 3.5;
const MIN_BODY_LENGTH = 60;

/** What the block's structure says about the key. */
interface KeyFacts {
  readonly keyType: string;
  readonly format: "pem" | "openssh" | "putty";
  readonly encrypted: boolean;
  /** The decoded structure is what the label promises (DER sequence, OpenSSH magic, PuTTY MAC). */
  readonly wellFormed: boolean;
}

function inspectPem(block: PemBlock): KeyFacts {
  const prefix = KEY_LABEL.exec(block.label)?.[1] ?? "";
  const bytes = decodeBody(block.body);
  if (prefix === "OPENSSH") {
    const magic = bytes.subarray(0, OPENSSH_MAGIC.length).toString("latin1") === OPENSSH_MAGIC;
    const at = OPENSSH_MAGIC.length;
    const length = bytes.length >= at + 4 ? bytes.readUInt32BE(at) : 0;
    const cipher = bytes.subarray(at + 4, at + 4 + Math.min(length, 64)).toString("latin1");
    return { keyType: "openssh", format: "openssh", encrypted: cipher !== "none", wellFormed: magic && length > 0 && length <= 64 };
  }
  const legacyEncrypted = (block.headers["Proc-Type"] ?? "").includes("ENCRYPTED") && block.headers["DEK-Info"] !== undefined;
  const encrypted = prefix === "ENCRYPTED" || legacyEncrypted;
  // A legacy encrypted body is ciphertext: its headers are the structure to check, not a DER sequence.
  return { keyType: KEY_TYPES[prefix] ?? "pkcs8", format: "pem", encrypted, wellFormed: legacyEncrypted || bytes[0] === 0x30 };
}

function toCandidate(secret: string, start: number, end: number, facts: KeyFacts): Candidate {
  const severity: Severity = facts.encrypted ? "high" : "critical";
  return {
    ruleId: "private-key",
    provider: facts.format === "pem" ? "pem" : facts.format,
    kind: "private-key",
    severity,
    secret,
    start,
    end,
    confidence: facts.wellFormed ? "high" : "medium",
    nonExpiring: true,
    parts: { keyType: facts.keyType, format: facts.format, encrypted: String(facts.encrypted) },
  };
}

function pemKeys(text: string): Candidate[] {
  return findPemBlocks(text, (label) => KEY_LABEL.test(label))
    .filter((block) => block.body.length >= MIN_BODY_LENGTH && shannonEntropy(block.body) >= MIN_BODY_ENTROPY)
    .map((block) => toCandidate(block.canonical, block.start, block.end, inspectPem(block)));
}

/** PuTTY `.ppk` files: `Key: value` lines, base64 line groups counted by `*-Lines`, ending in `Private-MAC`. */
function puttyKeys(text: string): Candidate[] {
  const out: Candidate[] = [];
  PUTTY_HEADER.lastIndex = 0;
  for (let m = PUTTY_HEADER.exec(text); m !== null; m = PUTTY_HEADER.exec(text)) {
    const parsed = parsePutty(text, m.index + m[0].length);
    if (parsed === undefined) continue;
    const secret = text.slice(m.index, parsed.end).replace(/\r/g, "");
    const facts: KeyFacts = { keyType: m[2] ?? "", format: "putty", encrypted: parsed.encryption !== "none", wellFormed: true };
    out.push(toCandidate(secret, m.index, parsed.end, facts));
    PUTTY_HEADER.lastIndex = parsed.end;
  }
  return out;
}

function parsePutty(text: string, from: number): { end: number; encryption: string } | undefined {
  let at = from;
  let encryption = "";
  let privateBody = "";
  for (let count = 0; count < 200 && at < text.length; count++) {
    const next = text.indexOf("\n", at);
    const lineEnd = next < 0 ? text.length : next;
    const line = text.slice(at, lineEnd).trim();
    const field = PUTTY_LINE.exec(line);
    if (field === null) {
      if (!/^[A-Za-z0-9+/]+=*$/.test(line)) return undefined;
      privateBody += line;
    } else if (field[1] === "Encryption") {
      encryption = field[2] ?? "";
    } else if (field[1] === "Private-Lines") {
      privateBody = "";
    } else if (field[1] === "Private-MAC") {
      const valid = /^[0-9a-f]{40,64}$/.test(field[2] ?? "") && privateBody.length >= 16 && shannonEntropy(privateBody) >= MIN_BODY_ENTROPY;
      return valid ? { end: at + text.slice(at, lineEnd).trimEnd().length, encryption } : undefined;
    }
    at = lineEnd + 1;
  }
  return undefined;
}

/** PEM and OpenSSH private keys (RSA, EC, DSA, PKCS#8, encrypted PKCS#8) and PuTTY `.ppk` keys. */
export const detector: Detector = {
  id: "private-key",
  description: "PEM, OpenSSH and PuTTY private keys, with encrypted keys marked as such",
  triggers: ["private key-----", "putty-user-key-file-"],
  appliesTo: (fragment) => fragmentIncludes(fragment, "PRIVATE KEY-----") || fragmentIncludes(fragment, "PuTTY-User-Key-File-"),
  detect: (fragment) => [...pemKeys(fragment.text), ...puttyKeys(fragment.text)],
};
