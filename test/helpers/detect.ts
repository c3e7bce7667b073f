// Runs one detector over a text the way the scanner does (triggers and appliesTo, then detect), with the
// builtin rules as context; and a self-signed test certificate (public by nature, key discarded).
import type { Candidate } from "../../src/model/finding.js";
import type { Detector } from "../../src/detectors/detector.js";
import { createDetectContext, runDetector } from "../../src/detectors/index.js";
import { loadRules } from "../../src/rules/load.js";

const context = createDetectContext(loadRules());

export function detect(detector: Detector, text: string, path = "notes.txt"): Candidate[] {
  const fragment = { text, path, provenance: { kind: "file" as const } };
  return runDetector(detector, fragment, context);
}

/** The text a candidate spans. */
export function spanned(candidate: Candidate, text: string): string {
  return text.slice(candidate.start, candidate.end);
}

/** DER (base64) of a self-signed P-256 certificate made for these tests: CN=test.nhiscan.invalid, valid 2026-11-22T08:41:38Z to 2027-11-22T08:41:38Z. */
const TEST_CERT_DER =
  "MIIBwzCCAWmgAwIBAgIUJ020KE240MiMznCuMbsZcr59c5owCgYIKoZIzj0EAwIwNzEdMBsGA1UEAwwUdGVzdC5uaGlzY2FuLmludmFsaWQxFjAUBgNVBAoMDW5oaXNjYW4gdGVzdHMwHhcNMjYxMTIyMDg0MTM4WhcNMjcxMTIyMDg0MTM4WjA3MR0wGwYDVQQDDBR0ZXN0Lm5oaXNjYW4uaW52YWxpZDEWMBQGA1UECgwNbmhpc2NhbiB0ZXN0czBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABAWNH2zq2PaxcMJzua+l2ltxf5uMThYPYu6VP/RjFmpaBYdLVb9/9haIHVgESCLV86tIXTiFkvdhEwSqbRsnrdWjUzBRMB0GA1UdDgQWBBTUfogthHwRfdRkX1UXCX67skRYMDAfBgNVHSMEGDAWgBTUfogthHwRfdRkX1UXCX67skRYMDAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIH1olLWYCYCuuU01Kl7IGEBPwA4RsHGtq7F03EdInB6VAiEAm3AueY3mvNWQkV9bwebBmiAjBBTfINWeSJNnr6XH1wg=";

/** The test certificate as PEM, armoured at run time so that the repository holds no PEM block. */
export function testCertificatePem(): string {
  const lines = TEST_CERT_DER.match(/.{1,64}/g) ?? [];
  return ["-----BEGIN " + "CERTIFICATE-----", ...lines, "-----END " + "CERTIFICATE-----"].join("\n");
}
