import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { detector } from "../../src/detectors/encoded.js";
import { encodedRuns } from "../../src/detectors/encoded-regions.js";
import { detect } from "../helpers/detect.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";

const fake = fakeSecrets(71);

describe("encoded: invalid (reported)", () => {
  test.each([
    ["base64 basic auth", (s: string) => `curl -H "Authorization: Basic ${Buffer.from(`ci:${s}`).toString("base64")}" https://git.acme.io`, "base64"],
    [
      "base64 of a config file",
      (s: string) => `NPMRC_B64=${Buffer.from(`registry=https://npm.acme.io/\n//npm.acme.io/:_authToken=${s}\n`).toString("base64")}`,
      "base64",
    ],
    ["base64url", (s: string) => `state=${Buffer.from(`{"t":"${s}"}`).toString("base64url")}`, "base64"],
    ["hex", (s: string) => `TOKEN_HEX=${Buffer.from(`token=${s}`).toString("hex")}`, "hex"],
  ])("%s", (_name, render, encoding) => {
    const secret = fake.githubClassicPat();
    const text = render(secret);
    const found = detect(detector, text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: "github-classic-pat", provider: "github", secret, confidence: "high", parts: { encoding } });
  });

  test("URL encoding: the span is the encoded secret itself", () => {
    const webhook = fake.slackWebhook();
    const encoded = encodeURIComponent(webhook);
    const text = `notify: https://relay.acme.io/forward?target=${encoded}&retry=3`;
    const found = detect(detector, text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: "slack-incoming-webhook", secret: webhook, parts: { encoding: "url" } });
    expect(text.slice(found[0]?.start, found[0]?.end)).toBe(encoded);
  });
});

describe("encoded: valid (nothing reported)", () => {
  test.each([
    ["base64 of plain JSON", `manifest: ${Buffer.from(JSON.stringify({ name: "orders", version: "1.4.2", replicas: 3 })).toString("base64")}`],
    ["base64 of binary", `data:image/png;base64,${Buffer.from(fake.hex(200), "hex").toString("base64")}`],
    ["a token that is not encoded (the regex detector reads it)", `GITHUB_TOKEN=${fake.githubClassicPat()}`],
    ["a URL-encoded URL without a secret", `redirect=${encodeURIComponent("https://app.acme.io/oauth/callback?state=abc")}`],
    ["hex that is a hash", `sha256=${fake.hex(64)}`],
  ])("%s", (_name, text) => {
    expect(detect(detector, text)).toEqual([]);
  });
});

describe("encoded: run search", () => {
  // Reference: maximal runs of the alphabet by regex, with up to two `=`, of 24+ characters and at most 16 KiB.
  const reference = (text: string) =>
    [...text.matchAll(/[A-Za-z0-9+/_-]+(?:={1,2})?/g)]
      .map((m) => ({ start: m.index, end: m.index + m[0].length, bare: m[0].replace(/=+$/, "").length }))
      .filter((r) => r.bare >= 24 && r.end - r.start <= 16_384)
      .map(({ start, end }) => ({ start, end }));

  test("finds exactly the maximal runs of 24+ characters, wherever the windows fall", () => {
    const piece = fc.oneof(fc.stringMatching(/^[A-Za-z0-9+/_-]{0,40}$/), fc.constantFrom("=", "==", "===", " ", "\n", ".", "é", '"'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join("");
        expect(encodedRuns(text)).toEqual(reference(text));
      }),
      { numRuns: 3000 },
    );
  });

  test("skips runs over 16 KiB (images, source maps) and reports the next one", () => {
    const text = `${"A".repeat(20_000)} ${"b".repeat(30)}`;
    expect(encodedRuns(text)).toEqual([{ start: 20_001, end: 20_031 }]);
  });
});
