import { describe, expect, test } from "vitest";
import { VALUE_DROP_REASONS } from "../../src/model/value.js";
import { isWeakValue, valueVerdict } from "../../src/values/verdict.js";

// The closed list of drops, then weak values (reported), then credentials.
describe("value model: dropped values, each with its reason", () => {
  test.each([
    ["${DB_PASSWORD}", "password", "reference"],
    ["$(cat /run/secrets/db)", "password", "reference"],
    ["process.env.API_KEY", "apiKey", "reference"],
    ["os.environ['TOKEN']", "token", "reference"],
    ["ENV['SECRET_KEY_BASE']", "secret_key_base", "reference"],
    ['getenv("DB_PASS")', "db_pass", "reference"],
    ["$SECRET", "secret", "reference"],
    ["vault:secret/data/app#password", "password", "reference"],
    ["{{ .Values.password }}", "password", "template"],
    ["%{db_password}", "password", "template"],
    ["<%= ENV['X'] %>", "password", "template"],
    ["__API_TOKEN__", "token", "template"],
    ["********", "password", "mask"],
    ["xxxxxxxxxxxx", "api_key", "mask"],
    ["<redacted>", "token", "mask"],
    ["<your-api-key>", "api_key", "mask"],
    ["your_api_key_here", "api_key", "mask"],
    ["sk_live_****", "api_key", "mask"],
    ["", "password", "empty"],
    ["null", "password", "empty"],
    ["API_KEY", "api_key", "own-name"],
    ["apiKey", "api_key", "own-name"],
    ["Password", "password", "own-name"],
    ["AKIAIOSFODNN7EXAMPLE", "aws_access_key_id", "public-sample"],
  ])("%s (key %s) is dropped: %s", (value, key, reason) => {
    expect(valueVerdict(value, key)).toEqual({ verdict: "drop", reason });
  });

  test("the list of drop reasons is closed", () => {
    expect(VALUE_DROP_REASONS).toEqual(["reference", "template", "mask", "empty", "own-name", "public-sample"]);
  });
});

describe("value model: weak values are findings, flagged", () => {
  test.each([
    ["password", "password"],
    ["letmein", "password"],
    ["changeme", "password"],
    ["admin", "db_password"],
    ["password123", "password"],
    ["p4ssw0rd", "password"],
    ["goodspec", "password"],
    ["pass123", "dbpasswd"],
    ["apppass", "password"],
    ["123456", "pin"],
    ["hunter22", "password"],
  ])("%s is weak", (value, key) => {
    expect(valueVerdict(value, key)).toEqual({ verdict: "weak" });
    expect(isWeakValue(value)).toBe(true);
  });

  test.each(["5HWaoDB9jbokXJ9LNknss4m6TPmaCHfr", "Tr0ub4dor&3-horse", "xK9#mQ2$vL8pW4nZ", "ghp_uWxG4b2kQ9rT7yP1mN3vL8cZ5sD0fH6jA2eB"])(
    "%s is a credential, not weak",
    (value) => {
      expect(valueVerdict(value, "password")).toEqual({ verdict: "credential" });
    },
  );
});
