import { describe, expect, test } from "vitest";
import { check } from "../../src/checks/certificate-validity.js";
import { context, credential, location } from "../helpers/credential.js";

const cert = (notBefore: string, notAfter: string) =>
  credential({
    kind: "certificate",
    provider: "x509",
    nonExpiring: false,
    locations: [location({ kind: "certificate", parts: { notBefore, notAfter, expiresAt: notAfter } })],
  });

// "Now" is 2025-01-15T12:00:00Z.
describe("certificate-validity (NHI7:2025)", () => {
  test.each([
    ["expired", "2024-01-01T00:00:00Z", "2024-12-01T00:00:00Z", "fail", "medium", /^expired on 2024-12-01$/],
    ["expiring within certWarnDays", "2024-11-01T00:00:00Z", "2025-02-01T00:00:00Z", "fail", "low", /^expires on 2025-02-01, in 16 days \(certWarnDays 30\)$/],
    ["valid for longer than 398 days", "2024-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "fail", "medium", /^valid for 731 days, more than 398$/],
    ["expired and too long", "2020-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "fail", "medium", /^expired on 2024-01-01; valid for 1461 days/],
    ["healthy", "2024-12-01T00:00:00Z", "2025-06-01T00:00:00Z", "pass", "medium", /^valid until 2025-06-01 \(136 days left\)$/],
    ["OpenSSL date strings (Node 20 validTo)", "Dec  1 00:00:00 2024 GMT", "Jun  1 00:00:00 2025 GMT", "pass", "medium", /valid until 2025-06-01/],
  ])("%s → %s", (_name, notBefore, notAfter, status, severity, message) => {
    const outcome = check.run(cert(notBefore, notAfter), context());
    expect(outcome).toMatchObject({ checkId: "certificate-validity", status, severity, owasp: "NHI7:2025" });
    expect(outcome.message).toMatch(message);
  });

  test.each([
    ["not a certificate", credential(), /not a certificate/],
    ["a certificate without dates", credential({ kind: "certificate" }), /not readable/],
  ])("%s → not-applicable", (_name, item, message) => {
    expect(check.run(item, context())).toMatchObject({ status: "not-applicable", message: expect.stringMatching(message) });
  });
});
