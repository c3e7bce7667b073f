// Format-valid FAKE credentials for the demo, tests and benchmarks. Values are random (from a
// seeded PRNG, so runs are reproducible) and belong to no account; checksums are computed so
// that offline validators accept them. Nothing here is a real credential.
import { generateKeyPairSync } from "node:crypto";
import { crc32 } from "node:zlib";
// The scanner's own checksum (built by `npm install`): fakes and validator agree by construction.
import { base62Checksum } from "../dist/rules/validators.js";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const HEX = "0123456789abcdef";
const B64 = `${BASE62}+/`;

/** Seeded PRNG (mulberry32). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Makes a generator of fake secrets from a seed. */
export function fakeSecrets(seed = 1) {
  const rand = prng(seed);
  const pick = (alphabet, n) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join("");
  const checksummed = (prefix) => {
    const body = pick(BASE62, 30);
    return `${prefix}${body}${base62Checksum(crc32(body))}`;
  };
  return {
    pick,
    githubClassicPat: () => checksummed("ghp_"),
    githubOauth: () => checksummed("gho_"),
    npmToken: () => checksummed("npm_"),
    awsAccessKeyId: () => `AKIA${pick(BASE32, 16)}`,
    awsSecretKey: () => pick(B64, 40),
    stripeLiveKey: () => `sk_live_${pick(BASE62, 24)}`,
    slackBotToken: () => `xoxb-${pick("0123456789", 12)}-${pick("0123456789", 13)}-${pick(BASE62, 24)}`,
    slackWebhook: () => `https://hooks.slack.com/services/T${pick(BASE32.slice(0, 26), 8)}/B${pick(BASE32.slice(0, 26), 10)}/${pick(BASE62, 24)}`,
    openAiKey: () => `sk-proj-${pick(BASE62, 58)}T3BlbkFJ${pick(BASE62, 58)}`,
    password: () => `${pick(BASE62, 10)}!${pick(BASE62, 6)}`,
    hex: (n) => pick(HEX, n),
    jwt: (claims) => {
      const enc = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
      return `${enc({ alg: "HS256", typ: "JWT" })}.${enc(claims)}.${Buffer.from(pick(BASE62, 32)).toString("base64url")}`;
    },
    /** A throwaway RSA key generated now: valid PEM, used nowhere. */
    privateKeyPem: () => generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
  };
}
