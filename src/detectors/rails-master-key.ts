import type { Detector } from "./detector.js";

/** `config/master.key` and the per-environment `config/credentials/<env>.key` of Rails encrypted credentials. */
const KEY_FILE = /(?:^|\/)config\/(?:master|credentials\/[\w-]+)\.key$/;
/** The whole file is the key: 32 hex characters (`SecureRandom.hex(16)`), optionally a newline. */
const KEY = /^([0-9a-f]{32})\r?\n?$/;

/**
 * Rails' master key decrypts `config/credentials.yml.enc`: committed beside it, every credential
 * of the application is readable. The file holds nothing but the key, so no keyword can find it:
 * the path can.
 */
export const detector: Detector = {
  id: "rails-master-key",
  description: "Rails master keys committed as config/master.key or config/credentials/<env>.key",
  appliesTo: (fragment) => KEY_FILE.test(fragment.path) && fragment.text.length <= 40,
  detect(fragment) {
    const key = KEY.exec(fragment.text)?.[1];
    if (key === undefined) return [];
    return [
      {
        ruleId: "rails-master-key",
        provider: "rails",
        kind: "api-key",
        severity: "critical",
        secret: key,
        start: 0,
        end: key.length,
        confidence: "high",
        nonExpiring: true,
        parts: { file: fragment.path.slice(fragment.path.lastIndexOf("/") + 1) },
      },
    ];
  },
};
