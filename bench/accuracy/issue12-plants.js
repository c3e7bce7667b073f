// Plants and decoys for the shapes issue 12 reported missed or wrongly flagged: Mailgun `key-`
// keys of both alphabets under names with and without "mailgun", Heroku UUID keys under
// Heroku-named keys (and Heroku UUIDs that are ids, not keys), placeholders that keep a real
// prefix, base64 of placeholder pairs, and published values (emulator keys, documentation
// samples). Values are generated here; the published ones are the public values themselves.
import { pathFor, VALUE_SYNTAXES, valueLine } from "./carriers.js";
import { pickOne } from "./corpus.js";

const HEX = "0123456789abcdef";
const BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";
const MAILGUN_NAMES = ["MAILGUN_API_KEY", "MAILGUN_KEY", "MG_API_KEY", "MG_KEY", "EMAIL_API_KEY", "MAIL_PROVIDER_KEY", "SMTP_API_KEY"];
const HEROKU_NAMES = [
  "HEROKU_API_KEY",
  "HEROKU_API_TOKEN",
  "HEROKU_AUTH_TOKEN",
  "HEROKU_OAUTH_TOKEN",
  "HEROKU_USER_TOKEN",
  "HEROKU_SECRET",
  "HEROKU_DEPLOY_KEY",
];
// Published for everyone (see src/values/well-known-public.ts for the references).
const AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
const COSMOS_EMULATOR_KEY = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

/** Mailgun `key-` keys (hex and base36) and Heroku UUID keys, `count` of each, in every value syntax. */
export function plantProviderShapes(corpus, fake, rand, count) {
  for (let i = 0; i < count; i++) {
    const key = `key-${fake.pick(rand() < 0.5 ? HEX : BASE36, 32)}`;
    const syntax = pickOne(rand, VALUE_SYNTAXES);
    corpus.add(pathFor(syntax, rand), valueLine(syntax, pickOne(rand, MAILGUN_NAMES), key, rand), {
      family: "comms",
      rule: "mailgun-api-key",
      secret: key,
      kind: "api-key",
    });
  }
  for (let i = 0; i < count; i++) {
    const id = `${fake.hex(8)}-${fake.hex(4)}-4${fake.hex(3)}-a${fake.hex(3)}-${fake.hex(12)}`;
    const syntax = pickOne(rand, VALUE_SYNTAXES);
    corpus.add(pathFor(syntax, rand), valueLine(syntax, pickOne(rand, HEROKU_NAMES), id, rand), {
      family: "cloud",
      rule: "heroku-api-key",
      secret: id,
      kind: "api-key",
    });
  }
}

/** Values that must not be findings: stand-ins with a real prefix, placeholder pairs, published values, ids. */
export function plantIssue12Decoys(corpus, fake, rand) {
  const add = (syntax, line) => corpus.add(pathFor(syntax, rand), line, undefined, true);
  const b64 = (s) => Buffer.from(s).toString("base64");
  add("env", "PYPI_TOKEN=pypi-<api-token>");
  add("env", "OPENAI_API_KEY=sk-...");
  add("yaml", "anthropic_api_key: sk-ant-...");
  add("env", "GITHUB_TOKEN=ghp_xxxx");
  add("md", "Paste the token (it looks like `pypi-AgEIcHlwaS5vcmcCJ...`) into `~/.pypirc`.");
  add("sh", `curl -H "Authorization: Basic ${b64("username:password")}" https://api.acme.io/v1/orders`);
  add("env", `BASIC_AUTH=${b64("user:password")}`);
  add("yaml", `  auth: ${b64("<user>:<token>")}`);
  add(
    "env",
    `AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`,
  );
  add("json", `  "storageKey": "${AZURITE_KEY}",`);
  add("yaml", `  COSMOS_KEY: "${COSMOS_EMULATOR_KEY}"`);
  add("sh", "kubeadm join 10.0.0.10:6443 --token abcdef.0123456789abcdef");
  add("env", `HEROKU_APP_ID=${fake.hex(8)}-${fake.hex(4)}-4${fake.hex(3)}-b${fake.hex(3)}-${fake.hex(12)}`);
  add("json", `  "sessionToken": "${fake.hex(8)}-${fake.hex(4)}-4${fake.hex(3)}-9${fake.hex(3)}-${fake.hex(12)}",`);
  add("yaml", `public_key: pubkey-${fake.hex(32)}`);
}
