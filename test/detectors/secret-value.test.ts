import { describe, expect, test } from "vitest";
import { secretNameKind } from "../../src/detectors/secret-names.js";
import { isHighEntropy, nonSecretReason } from "../../src/detectors/secret-value.js";
import { fakeSecrets } from "../helpers/fake-secrets.js";

const fake = fakeSecrets(81);
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

describe("secretNameKind", () => {
  test.each([
    ["DB_PASSWORD", "password"],
    ["dbPassword", "password"],
    ["spring.datasource.password", "password"],
    ["//registry.npmjs.org/:_authToken", "api-key"],
    ["API_KEY", "api-key"],
    ["clientSecret", "api-key"],
    ["aws_secret_access_key", "api-key"],
    ["private-key", "api-key"],
    ["secret_id", "api-key"],
    ["DEPLOY_KEY", "api-key"],
  ])("%s → %s", (name, kind) => {
    expect(secretNameKind(name)).toBe(kind);
  });

  test.each([
    "token_url",
    "password_min_length",
    "secret_name",
    "max_tokens",
    "is_secret",
    "client_id",
    "key",
    "tokenizer",
    "next_page_token",
    "PASSWORD_CHECKSUM",
    "longopt_pat",
    "auth_enabled",
  ])("%s is not secret-named", (name) => {
    expect(secretNameKind(name)).toBeUndefined();
  });
});

describe("nonSecretReason", () => {
  test.each([
    ["${{secrets.X}}", "reference"],
    ["${DB_PASSWORD}", "reference"],
    ["$(API_KEY)", "reference"],
    ["{{ .Values.token }}", "prose"],
    ["{{.Values.token}}", "reference"],
    ["%(password)s", "reference"],
    ["InvalidToken:%s", "reference"],
    ["vault:secret/data/x#k", "reference"],
    ["ref+awsssm://prod/x", "reference"],
    ["var.db_password", "reference"],
    ["true", "too short"],
    ["disabled", "literal"],
    ["1234567890", "literal"],
    ["changeit", "short word"],
    ["DB_PASSWORD", "variable name"],
    ["orders-db-credentials", "identifier"],
    ["HTTPPasswordMgrWithDefaultRealm", "identifier"],
    ["roles/iam.serviceAccountTokenCreator", "identifier"],
    ["ActionController::InvalidCrossOriginRequest", "identifier"],
    ["Proxy-Authorization", "identifier"],
    ["[A-Za-z0-9]{20}", "regex"],
    ["--docker-credential-file", "command-line flag"],
    ["/run/secrets/db", "path"],
    ["https://auth.acme.io/token", "address"],
    ["ENC[AES256_GCM,data:abc=,type:str]", "encrypted"],
    ["Enter your password", "prose"],
    ["2024-06-30T00:00:00Z", "timestamp"],
    ["2031-01-15", "timestamp"],
    ["pk.eyJ1IjoiYWNtZSIsImEiOiJjbGFiYyJ9.c2lnbmF0dXJl", "publishable"],
    ["pk_live_51HxAcmeExampleKey", "publishable"],
  ])("%s: %s", (value, reason) => {
    expect(nonSecretReason(value)).toBe(reason);
  });

  test("random tokens and human passwords may be secrets", () => {
    for (let i = 0; i < 200; i++) {
      const token = fake.pick(ALNUM, 32);
      expect(nonSecretReason(token), token).toBeUndefined();
    }
    expect(nonSecretReason(fake.password())).toBeUndefined();
  });
});

describe("isHighEntropy", () => {
  test.each([
    [fake.pick(ALNUM, 32), true],
    [fake.hex(40), true],
    ["aaaaaaaabbbbbbbbcccccccc", false],
    [fake.pick(ALNUM, 12), false],
  ])("%s → %s", (value, expected) => {
    expect(isHighEntropy(value)).toBe(expected);
  });
});

describe("separated dictionary words are names, not secrets", () => {
  test.each(["fetch-buffer", "string-items", "string-let", "fetch-string", "status_stream"])("%s", (value) => {
    expect(nonSecretReason(value)).toBe("identifier");
  });
  test.each(["xkqz-mpwvrt", "s3cr3t-p4ss-w0rd", "Tr0ub4dor&3"])("%s may be a secret", (value) => {
    expect(nonSecretReason(value)).toBeUndefined();
  });
});
