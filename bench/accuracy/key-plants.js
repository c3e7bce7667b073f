// Plants for the private-key and certificate detectors: keys generated now (node:crypto,
// ssh-keygen) and certificates made with openssl, in files, YAML block scalars and JSON strings.
import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathFor } from "./carriers.js";
import { pickOne } from "./corpus.js";

/** A freshly generated private key PEM of one of several types; `encrypted` when it has a passphrase. */
function generateKey(kind) {
  const passphrase = "bench-only-passphrase";
  switch (kind) {
    case "rsa":
      return generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    case "rsa-legacy-encrypted":
      return generateKeyPairSync("rsa", { modulusLength: 1024 })
        .privateKey.export({ type: "pkcs1", format: "pem", cipher: "aes-128-cbc", passphrase })
        .toString();
    case "ec":
      return generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ type: "sec1", format: "pem" }).toString();
    case "pkcs8":
      return generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    case "pkcs8-encrypted":
      return generateKeyPairSync("ec", { namedCurve: "secp384r1" })
        .privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase })
        .toString();
    default:
      return openSshKey(kind === "openssh-encrypted" ? passphrase : "");
  }
}

function withTempDir(fn) {
  const dir = mkdtempSync(path.join(tmpdir(), "nhiscan-bench-"));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function openSshKey(passphrase) {
  return withTempDir((dir) => {
    const file = path.join(dir, "id");
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", passphrase, "-C", "bench", "-f", file], { stdio: "ignore" });
    return readFileSync(file, "utf8");
  });
}

function certificate(days) {
  return withTempDir((dir) => {
    const [key, cert] = [path.join(dir, "k.pem"), path.join(dir, "c.pem")];
    const args = [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      String(days),
      "-subj",
      `/CN=svc-${days}.acme.internal/O=Acme`,
    ];
    execFileSync("openssl", args, { stdio: "ignore" });
    return readFileSync(cert, "utf8");
  });
}

/** The PEM in one of the places keys are pasted: its own file, a YAML block scalar, a JSON string, a quoted .env value. */
function placePem(corpus, pem, truth, rand, syntaxes) {
  const body = pem.trimEnd();
  const syntax = pickOne(rand, syntaxes);
  if (syntax === "yaml") corpus.add(pathFor("yaml", rand), ["tls:", "  key: |", ...body.split("\n").map((l) => `    ${l}`)], truth);
  else if (syntax === "json") corpus.add(pathFor("json", rand), `  "private_key": ${JSON.stringify(`${body}\n`)},`, truth);
  else if (syntax === "env")
    corpus.add(pathFor("env", rand), [`SIGNING_KEY="${body.split("\n")[0]}`, ...body.split("\n").slice(1, -1), `${body.split("\n").at(-1)}"`], truth);
  else corpus.add(pathFor("raw", rand), body.split("\n"), truth);
}

export function plantPrivateKeys(corpus, rand, count) {
  const kinds = ["rsa", "rsa-legacy-encrypted", "ec", "pkcs8", "pkcs8-encrypted", "openssh", "openssh-encrypted"];
  for (let i = 0; i < count; i++) {
    const pem = generateKey(kinds[i % kinds.length]);
    placePem(corpus, pem, { family: "private-key", rule: "private-key", secret: pem.trim(), kind: "private-key" }, rand, ["raw", "raw", "yaml", "json", "env"]);
  }
}

export function plantCertificates(corpus, rand, count) {
  for (let i = 0; i < count; i++) {
    const pem = certificate(pickOne(rand, [30, 90, 397, 825, 3650]));
    placePem(corpus, pem, { family: "certificate", rule: "certificate", secret: pem.trim(), kind: "certificate" }, rand, ["raw", "raw", "yaml", "json"]);
  }
}
