import { generateKeyPairSync } from "node:crypto";
import { describe, expect, test } from "vitest";
import { detector } from "../../src/detectors/certificate.js";
import { detect, testCertificatePem } from "../helpers/detect.js";

const cert = testCertificatePem();
const EXPECTED_PARTS = {
  subject: "CN=test.nhiscan.invalid, O=nhiscan tests",
  issuer: "CN=test.nhiscan.invalid, O=nhiscan tests",
  notBefore: "2026-11-22T08:41:38.000Z",
  notAfter: "2027-11-22T08:41:38.000Z",
  expiresAt: "2027-11-22T08:41:38.000Z",
  selfSigned: "true",
};

describe("certificate: invalid (inventoried)", () => {
  test.each([
    ["a .crt file", cert, "certs/api.crt"],
    [
      "indented in YAML",
      `tls.crt: |\n${cert
        .split("\n")
        .map((l) => `  ${l}`)
        .join("\n")}\n`,
      "k8s/tls.yaml",
    ],
    ["escaped in JSON", `{"cert": ${JSON.stringify(cert)}}`, "config.json"],
    ["next to its key", `${generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString()}${cert}\n`, "server.pem"],
  ])("%s", (_name, text, path) => {
    const found = detect(detector, text, path);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      ruleId: "certificate",
      kind: "certificate",
      confidence: "high",
      severity: "low",
      nonExpiring: false,
      parts: EXPECTED_PARTS,
    });
    expect(found[0]?.secret).toBe(cert);
    expect(found[0]?.parts?.["fingerprint256"]).toMatch(/^(?:[0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });
});

describe("certificate: valid (nothing reported)", () => {
  test.each([
    ["an unparseable body", "-----BEGIN CERTIFICATE-----\nMIIBsjCCAVigAwIBAgIUQk5vdCBhIGNlcnRpZmljYXRlIGF0IGFsbA==\n-----END CERTIFICATE-----", "a.pem"],
    ["a truncated sample", "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE...\n-----END CERTIFICATE-----", "README.md"],
    ["a self-signed root in a trust store", cert, "vendor/certifi/cacert.pem"],
    ["roots in a large bundle", Array.from({ length: 10 }, () => cert).join("\n"), "third_party/roots.txt"],
    ["a certificate request", cert.replaceAll("CERTIFICATE", "CERTIFICATE REQUEST"), "csr.pem"],
  ])("%s", (_name, text, path) => {
    expect(detect(detector, text, path)).toEqual([]);
  });
});
