import { X509Certificate } from "node:crypto";
import type { Candidate } from "../model/finding.js";
import type { Detector } from "./detector.js";
import { findPemBlocks } from "./pem.js";
import type { PemBlock } from "./pem.js";
import { fragmentIncludes } from "../sources/decode.js";

const CERT_LABEL = /^(?:TRUSTED )?CERTIFICATE$/;
/** Trust stores shipped by libraries (certifi, requests, grpc, curl): public roots, not anyone's credential. */
const BUNDLE_PATH =
  /(?:^|\/)(?:ca-?bundle|ca-?certificates|cacerts?|cacert|roots|root-?certs?|trust(?:ed)?[-_]?(?:store|roots|certs)?|certifi)[^/]*\.(?:pem|crt|txt|cer)$/i;
const BUNDLE_SIZE = 10;

/** `validFrom`/`validTo` are OpenSSL date strings on Node 20 (the Date getters arrived in 22.10). */
function isoDate(openssl: string): string {
  const date = new Date(openssl);
  return Number.isNaN(date.getTime()) ? openssl : date.toISOString();
}

/** A distinguished name on one line: `CN=api.example.com, O=Acme`. */
function oneLine(name: string): string {
  return name.split("\n").filter(Boolean).join(", ");
}

function parseCertificate(block: PemBlock): X509Certificate | undefined {
  try {
    return new X509Certificate(block.canonical.replaceAll("TRUSTED CERTIFICATE", "CERTIFICATE"));
  } catch {
    return undefined;
  }
}

function isSelfSigned(cert: X509Certificate): boolean {
  try {
    return cert.checkIssued(cert) && cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}

function toCandidate(block: PemBlock, cert: X509Certificate): Candidate {
  const notAfter = isoDate(cert.validTo);
  return {
    ruleId: "certificate",
    provider: "x509",
    kind: "certificate",
    // Not a secret, but inventoried so its validity is checked: sure of what it is, low harm.
    severity: "low",
    secret: block.canonical,
    start: block.start,
    end: block.end,
    confidence: "high",
    nonExpiring: false,
    parts: {
      subject: oneLine(cert.subject),
      issuer: oneLine(cert.issuer),
      notBefore: isoDate(cert.validFrom),
      notAfter,
      expiresAt: notAfter,
      selfSigned: String(isSelfSigned(cert)),
      ca: String(cert.ca),
      serialNumber: cert.serialNumber,
      fingerprint256: cert.fingerprint256,
    },
  };
}

/** PEM X.509 certificates, parsed for subject, issuer and validity: inventory for the certificate-validity check. */
export const detector: Detector = {
  id: "certificate",
  description: "PEM X.509 certificates with subject, issuer, validity dates and whether they are self-signed",
  triggers: ["certificate-----"],
  appliesTo: (fragment) => fragmentIncludes(fragment, "CERTIFICATE-----"),
  detect(fragment) {
    const out: Candidate[] = [];
    const blocks = findPemBlocks(fragment.text, (label) => CERT_LABEL.test(label));
    const bundle = blocks.length >= BUNDLE_SIZE || BUNDLE_PATH.test(fragment.path);
    for (const block of blocks) {
      const cert = parseCertificate(block);
      // In a trust store, the root and intermediate CAs are the store's content; leaf certificates still count.
      if (cert !== undefined && !(bundle && (cert.ca || isSelfSigned(cert)))) out.push(toCandidate(block, cert));
    }
    return out;
  },
};
