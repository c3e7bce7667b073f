// Values that look like credentials but are published for everyone: emulator keys that only open
// a local emulator, and the sample values of providers' documentation and of RFCs. A match is
// suppressed with reason `well-known-public` (counted like every other suppression), never hidden.
// Data only: add a value with the page that publishes it.

/** One published value and where it is published. */
export interface WellKnownValue {
  readonly value: string;
  readonly what: string;
  readonly reference: string;
}

export const WELL_KNOWN_PUBLIC: readonly WellKnownValue[] = [
  {
    value: "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    what: "Azure Storage emulator / Azurite account key (devstoreaccount1)",
    reference: "https://learn.microsoft.com/en-us/azure/storage/common/storage-use-azurite#well-known-storage-account-and-key",
  },
  {
    value: "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
    what: "Azure Cosmos DB emulator key",
    reference: "https://learn.microsoft.com/en-us/azure/cosmos-db/emulator",
  },
  {
    value: "D1fficultP%40ssw0rd",
    what: "MongoDB documentation connection-string password (mongodb://myDBReader:D1fficultP%40ssw0rd@mongodb0.example.com)",
    reference: "https://www.mongodb.com/docs/manual/reference/connection-string/",
  },
  {
    value: "AKIAIOSFODNN7EXAMPLE",
    what: "AWS documentation access key id",
    reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
  },
  {
    value: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    what: "AWS documentation secret access key",
    reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
  },
  {
    value: "AKIAI44QH8DHBEXAMPLE",
    what: "AWS CLI documentation access key id",
    reference: "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html",
  },
  {
    value: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
    what: "AWS CLI documentation secret access key",
    reference: "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html",
  },
  { value: "sk_test_4eC39HqLyjWDarjtT1zdp7dc", what: "Stripe documentation test key", reference: "https://docs.stripe.com/keys" },
  { value: "sk_test_BQokikJOvBiI2HlWgH4olfQ2", what: "Stripe documentation test key (older pages)", reference: "https://docs.stripe.com/keys" },
  {
    value: "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
    what: "GitHub documentation token",
    reference: "https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api",
  },
  {
    value: "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
    what: "Slack documentation bot token",
    reference: "https://api.slack.com/authentication/token-types",
  },
  {
    value: "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe",
    what: "Google documentation API key",
    reference: "https://cloud.google.com/docs/authentication/api-keys",
  },
  {
    value: "07401b.f395accd246ae52d",
    what: "Kubernetes bootstrap token of the documentation",
    reference: "https://kubernetes.io/docs/reference/access-authn-authz/bootstrap-tokens/",
  },
  {
    value: "5emitj.kq4gihvszzgn1p0r",
    what: "Kubernetes bootstrap token of the Secret examples",
    reference: "https://kubernetes.io/docs/concepts/configuration/secret/#bootstrap-token-secrets",
  },
  {
    value: "yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=",
    what: "WireGuard private key of the wg(8) and wg-quick(8) examples",
    reference: "https://man7.org/linux/man-pages/man8/wg.8.html",
  },
  {
    value: "oK56DE9Ue9zK76rAc8pBl6opph+1v36lm7cXXsQKrQM=",
    what: "WireGuard private key of the wg-quick(8) example",
    reference: "https://man7.org/linux/man-pages/man8/wg-quick.8.html",
  },
  {
    value: "/UwcSPg38hW/D9Y3tcS1FOV0K1wuURMbS0sesJEP5ak=",
    what: "WireGuard preshared key of the wg-quick(8) example",
    reference: "https://man7.org/linux/man-pages/man8/wg-quick.8.html",
  },
  { value: "I2E_JQ.OqUdfg:EVKVTCBlzLBPYJiCZTsIW_pqylJ9WVRB5K9P19Ap1y0", what: "Ably documentation API key", reference: "https://ably.com/docs/ids-and-keys/" },
  { value: "Jefe", what: "HMAC key of RFC 4231 test case 2", reference: "https://www.rfc-editor.org/rfc/rfc4231#section-4.3" },
  { value: "2YotnFZFEjr1zCsicMWpAA", what: "OAuth 2.0 sample access token", reference: "https://www.rfc-editor.org/rfc/rfc6749#section-4.1.4" },
  { value: "tGzv3JOkF0XG5Qx2TlKWIA", what: "OAuth 2.0 sample refresh token", reference: "https://www.rfc-editor.org/rfc/rfc6749#section-4.1.4" },
  { value: "SplxlOBeZQQYbYS6WxSbIA", what: "OAuth 2.0 sample authorization code", reference: "https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2" },
  { value: "nnch734d00sl2jdk", what: "OAuth 1.0 sample token", reference: "https://www.rfc-editor.org/rfc/rfc5849#section-1.2" },
  { value: "pfkkdhi9sl3r4s00", what: "OAuth 1.0 sample token secret", reference: "https://www.rfc-editor.org/rfc/rfc5849#section-1.2" },
  { value: "kd94hf93k423kf44", what: "OAuth 1.0 sample client secret", reference: "https://www.rfc-editor.org/rfc/rfc5849#section-1.2" },
  { value: "hh5s93j4hdidpola", what: "OAuth 1.0 sample temporary credentials", reference: "https://www.rfc-editor.org/rfc/rfc5849#section-1.2" },
  { value: "hdhd0244k9j7ao03", what: "OAuth 1.0 sample temporary credentials secret", reference: "https://www.rfc-editor.org/rfc/rfc5849#section-1.2" },
  { value: "ad180jjd733klru7", what: "OAuth 1.0 sample token", reference: "https://www.rfc-editor.org/rfc/rfc5849#section-1.2" },
  {
    value: "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919",
    what: "Safaricom M-Pesa Daraja sandbox passkey (shortcode 174379)",
    reference: "https://developer.safaricom.co.ke/APIs/MpesaExpressSimulate",
  },
  {
    value: "sktsec_t_--RAN5U4ivauy4w37-6aoKyYPDt5ZbaT5JBVMqiwKo_api",
    what: "Socket.dev public (free, scoped) API key shipped in the Socket CLI",
    reference: "https://github.com/SocketDev/socket-cli",
  },
];

/** Below this length a published value is only matched whole (`Jefe` inside a password is no sample). */
const MIN_EMBEDDED = 16;

const EXACT = new Map(WELL_KNOWN_PUBLIC.map((w) => [w.value, w]));
const EMBEDDABLE = WELL_KNOWN_PUBLIC.filter((w) => w.value.length >= MIN_EMBEDDED);

/**
 * The published value a candidate is, or carries (an emulator connection string holds the
 * emulator key), or undefined.
 */
export function wellKnownPublic(secret: string): WellKnownValue | undefined {
  const exact = EXACT.get(secret);
  if (exact !== undefined) return exact;
  if (secret.length <= MIN_EMBEDDED) return undefined;
  return EMBEDDABLE.find((w) => secret.length > w.value.length && secret.includes(w.value));
}
