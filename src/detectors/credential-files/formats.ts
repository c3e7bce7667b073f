import type { CredentialKind } from "../../model/rule.js";
import type { Decoding } from "./field.js";

/** The parser families that read credential files (one file each in this folder). */
export type ParserId = "key-value" | "netrc" | "pgpass" | "user-hash" | "url-list" | "xml" | "json" | "yaml";

/** Which values of a format are secrets, and how they are stored. */
export interface SecretField {
  /** The value's key: last key (JSON, YAML), element or attribute (XML), token (netrc), column (colon files); `secret-name` = any secret-named key. */
  readonly key: RegExp | "secret-name";
  /** A key, section or element the value must sit under (Composer `http-basic`, kubeconfig `user`). */
  readonly under?: RegExp;
  /** Default `password`. */
  readonly kind?: CredentialKind;
  readonly decode?: Decoding;
  /** Values that stand for "no credential here" in this format (a locked /etc/shadow entry). */
  readonly ignore?: RegExp;
}

/** A file format that exists to store credentials. */
export interface CredentialFileFormat {
  readonly id: string;
  readonly provider: string;
  /** Matched against the repo-relative path. */
  readonly name?: RegExp;
  /** Matched against the first 4 KB: required with `name` when set; alone it needs `sniffIn`. */
  readonly sniff?: RegExp;
  /** Paths (whatever their name) whose content is sniffed for this format. */
  readonly sniffIn?: RegExp;
  readonly parser: ParserId;
  readonly fields: readonly SecretField[];
}

const PASSWORD: SecretField = { key: /^password$/i };
const LOCKED = /^(?:[*!x]|!!|!\*|\*LK\*|NP)?$/;
const ENCRYPTED = { kind: "encrypted-credential" } as const;
const JSON_FILE = /\.json$/i;
const XML_FILE = /\.(?:xml|config)$/i;

/**
 * The credential-file formats: names and layouts from each tool's documentation. Adding a format is
 * one entry; the detector recognises the file, runs its parser and keeps the fields listed here.
 */
export const CREDENTIAL_FILE_FORMATS: readonly CredentialFileFormat[] = [
  // --- password files of clients and tools
  { id: "pgpass", provider: "postgresql", name: /(?:^|\/)(?:\.pgpass|pgpass\.conf)$/, parser: "pgpass", fields: [{ key: /^4$/ }] },
  { id: "netrc", provider: "generic", name: /(?:^|\/)[._]netrc$/, parser: "netrc", fields: [{ key: /^(?:password|passwd|account)$/ }] },
  { id: "git-credentials", provider: "git", name: /(?:^|\/)\.git-credentials$/, parser: "url-list", fields: [PASSWORD] },
  { id: "mysql-option-file", provider: "mysql", name: /(?:^|\/)(?:\.my\.cnf|my\.cnf|my\.ini)$/, parser: "key-value", fields: [{ key: /^password$/i }] },
  { id: "msmtprc", provider: "smtp", name: /(?:^|\/)(?:\.msmtprc|msmtprc|\.esmtprc|esmtprc)$/, parser: "key-value", fields: [PASSWORD] },
  { id: "fetchmailrc", provider: "mail", name: /(?:^|\/)\.?fetchmailrc$/, parser: "netrc", fields: [{ key: /^(?:password|passwd|pass)$/ }] },
  { id: "muttrc", provider: "mail", name: /(?:^|\/)(?:\.muttrc|muttrc)$/, parser: "key-value", fields: [{ key: /^(?:smtp|imap|pop)_pass(?:word)?$/ }] },
  {
    id: "s3cfg",
    provider: "aws",
    name: /(?:^|\/)\.s3cfg$/,
    parser: "key-value",
    fields: [{ key: /^(?:secret_key|access_token|gpg_passphrase)$/, kind: "api-key" }],
  },
  {
    id: "boto",
    provider: "aws",
    name: /(?:^|\/)(?:\.boto|boto\.cfg)$/,
    parser: "key-value",
    fields: [
      { key: /^(?:aws_secret_access_key|aws_security_token|gs_secret_access_key|gs_oauth2_refresh_token|gs_service_key_file_password)$/, kind: "api-key" },
    ],
  },
  {
    id: "aws-shared-credentials",
    provider: "aws",
    name: /(?:^|\/)\.aws\/(?:credentials|config)$/,
    parser: "key-value",
    fields: [
      { key: /^aws_secret_access_key$/i, kind: "api-key" },
      { key: /^aws_(?:session|security)_token$/i, kind: "token" },
    ],
  },
  {
    id: "aws-shared-credentials",
    provider: "aws",
    name: /(?:^|\/)credentials$/,
    sniff: /^\s*aws_secret_access_key\s*=/im,
    parser: "key-value",
    fields: [
      { key: /^aws_secret_access_key$/i, kind: "api-key" },
      { key: /^aws_(?:session|security)_token$/i, kind: "token" },
    ],
  },
  {
    id: "tugboat",
    provider: "digitalocean",
    name: /(?:^|\/)\.tugboat$/,
    parser: "yaml",
    fields: [{ key: /^(?:api_key|access_token)$/, under: /^authentication$/, kind: "api-key" }],
  },
  {
    id: "rclone",
    provider: "rclone",
    name: /(?:^|\/)rclone\.conf$/,
    parser: "key-value",
    fields: [{ key: /^(?:pass|password2?|secret_access_key|session_token|client_secret|token|key|account_key|sas_url|bearer_token|user_password)$/ }],
  },
  {
    id: "hub",
    provider: "github",
    name: /(?:^|\/)(?:\.config\/)?hub$/,
    sniff: /^\s*(?:-\s+)?oauth_token:/m,
    parser: "yaml",
    fields: [{ key: /^oauth_token$/, kind: "token" }],
  },
  {
    id: "kubeconfig",
    provider: "kubernetes",
    name: /(?:^|\/)(?:\.kube\/config|kubeconfig(?:\.ya?ml)?|[^/]+\.kubeconfig)$/,
    sniffIn: /\.ya?ml$|(?:^|\/)config$/,
    sniff: /^kind:\s*["']?Config["']?\s*$/m,
    parser: "yaml",
    fields: [
      { key: /^token$/, under: /^user$/, kind: "token" },
      { key: /^password$/, under: /^user$/ },
      { key: /^client-key-data$/, under: /^user$/, kind: "private-key" },
      { key: /^(?:client-secret|refresh-token|access-token)$/, under: /^auth-provider$/, kind: "token" },
    ],
  },
  // --- package registries
  {
    id: "dockercfg",
    provider: "docker",
    name: /(?:^|\/)\.dockercfg$/,
    parser: "json",
    fields: [
      { key: /^auth$/, decode: "base64-user-pass" },
      { key: /^(?:identitytoken|registrytoken)$/, kind: "token" },
    ],
  },
  {
    id: "docker-config",
    provider: "docker",
    name: /(?:^|\/)(?:\.docker\/)?config\.json$/,
    sniff: /"auths"\s*:/,
    parser: "json",
    fields: [
      { key: /^auth$/, under: /^auths$/, decode: "base64-user-pass" },
      { key: /^(?:identitytoken|registrytoken)$/, under: /^auths$/, kind: "token" },
    ],
  },
  {
    id: "npmrc",
    provider: "npm",
    name: /(?:^|\/)\.npmrc$/,
    parser: "key-value",
    fields: [
      { key: /(?:^|:)_auth$/, decode: "base64-user-pass" },
      { key: /(?:^|:)_authToken$/, kind: "token" },
      { key: /(?:^|:)_password$/, decode: "base64" },
    ],
  },
  {
    id: "yarnrc",
    provider: "npm",
    name: /(?:^|\/)\.yarnrc\.yml$/,
    parser: "yaml",
    fields: [
      { key: /^npmAuthToken$/, kind: "token" },
      { key: /^npmAuthIdent$/, decode: "base64-user-pass" },
    ],
  },
  { id: "pypirc", provider: "pypi", name: /(?:^|\/)\.pypirc$/, parser: "key-value", fields: [PASSWORD] },
  {
    id: "gem-credentials",
    provider: "rubygems",
    name: /(?:^|\/)\.gem\/credentials$/,
    parser: "yaml",
    fields: [{ key: /api_key$|^https?:\/\//, kind: "api-key" }],
  },
  {
    id: "composer-auth",
    provider: "composer",
    name: /(?:^|\/)auth\.json$/,
    sniff: /"(?:http-basic|github-oauth|gitlab-oauth|gitlab-token|bitbucket-oauth|bearer)"\s*:/,
    parser: "json",
    fields: [
      { key: /^password$/, under: /^http-basic$/ },
      { key: /./, under: /^(?:github-oauth|gitlab-oauth|bearer)$/, kind: "token" },
      { key: /^(?!username$)/, under: /^gitlab-token$/, kind: "token" },
      { key: /^consumer-secret$/, under: /^bitbucket-oauth$/, kind: "api-key" },
    ],
  },
  {
    id: "nuget-config",
    provider: "nuget",
    name: /(?:^|\/)nuget\.config$/i,
    parser: "xml",
    fields: [{ key: /^ClearTextPassword$/i }, { key: /^Password$/, ...ENCRYPTED }],
  },
  {
    id: "maven-settings",
    provider: "maven",
    name: /(?:^|\/)settings\.xml$/,
    sniff: /<servers?>/,
    parser: "xml",
    fields: [{ key: /^(?:password|passphrase)$/ }],
  },
  {
    id: "maven-settings-security",
    provider: "maven",
    name: /(?:^|\/)settings-security\.xml$/,
    parser: "xml",
    fields: [{ key: /^(?:master|relocation)$/, ...ENCRYPTED }],
  },
  { id: "gradle-properties", provider: "gradle", name: /(?:^|\/)gradle\.properties$/, parser: "key-value", fields: [{ key: "secret-name" }] },
  // --- file-transfer and database clients, editor deployment configs
  {
    id: "filezilla",
    provider: "ftp",
    name: /(?:^|\/)(?:sitemanager|recentservers|filezilla)\.xml$/i,
    sniffIn: XML_FILE,
    sniff: /<FileZilla3[\s>]/,
    parser: "xml",
    fields: [{ key: /^Pass$/, decode: "base64-if-marked" }],
  },
  {
    id: "winscp",
    provider: "ftp",
    name: /(?:^|\/)winscp\.ini$/i,
    sniffIn: /\.ini$/i,
    sniff: /^\[Sessions\\/m,
    parser: "key-value",
    fields: [{ key: /^(?:Password|ProxyPassword|TunnelPassword)$/ }],
  },
  {
    id: "dbeaver",
    provider: "dbeaver",
    name: /(?:^|\/)data-sources[^/]*\.json$/,
    sniff: /"connections"\s*:/,
    parser: "json",
    fields: [{ key: /^password$/, under: /^(?:configuration|auth-properties|handlers)$/ }],
  },
  {
    id: "robomongo",
    provider: "mongodb",
    name: /(?:^|\/)(?:robomongo|robo3t|studio3t|3t\.?studio[^/]*)\.json$/i,
    parser: "json",
    fields: [{ key: /^(?:userPassword|sshUserPassword|sshPassphrase|password)$/ }],
  },
  { id: "sublime-sftp", provider: "ftp", name: /(?:^|\/)sftp-config(?:-alt\d*)?\.json$/, parser: "json", fields: [PASSWORD] },
  { id: "vscode-sftp", provider: "ftp", name: /(?:^|\/)sftp\.json$/, parser: "json", fields: [{ key: /^(?:password|passphrase)$/ }] },
  {
    id: "atom-ftpconfig",
    provider: "ftp",
    name: /(?:^|\/)(?:\.ftpconfig|\.remote-sync\.json|deployment-config\.json)$/,
    parser: "json",
    fields: [{ key: /^(?:pass|password|passphrase)$/ }],
  },
  {
    id: "jetbrains-deployment",
    provider: "jetbrains",
    name: /(?:^|\/)(?:WebServers|dataSources(?:\.local)?)\.xml$/,
    parser: "xml",
    fields: [{ key: /^(?:password|user-password)$/i }],
  },
  {
    id: "jenkins-credentials",
    provider: "jenkins",
    name: /(?:^|\/)credentials\.xml$/,
    sniffIn: XML_FILE,
    sniff: /<com\.cloudbees\.plugins\.credentials\./,
    parser: "xml",
    fields: [{ key: /^(?:password|secret|passphrase|privateKey|apiToken|secretBytes|token)$/ }],
  },
  {
    id: "firefox-logins",
    provider: "firefox",
    name: /(?:^|\/)logins\.json$/,
    sniffIn: JSON_FILE,
    sniff: /"encryptedPassword"\s*:/,
    parser: "json",
    fields: [{ key: /^encryptedPassword$/, ...ENCRYPTED }],
  },
  // Game and chat servers (ARK, Conan Exiles, Teamspeak, Mumble…) keep their admin and RCON passwords in INI files.
  {
    id: "server-ini",
    provider: "generic",
    sniffIn: /\.ini$/i,
    sniff: /^[ \t]*\w*(?:Password|_PASS)[ \t]*=[ \t]*[^\s;#]/m,
    parser: "key-value",
    fields: [{ key: /^\w*(?:Password|_PASS)$/ }],
  },
  // --- password hashes, one user per line
  {
    id: "htpasswd",
    provider: "generic",
    name: /(?:^|\/)\.?htpasswd(?:\.\w+)?$/,
    parser: "user-hash",
    fields: [{ key: /^1$/, kind: "password-hash", ignore: LOCKED }],
  },
  {
    id: "shadow",
    provider: "generic",
    name: /(?:^|\/)(?:shadow|gshadow|master\.passwd)(?:-|\.bak)?$/,
    parser: "user-hash",
    fields: [{ key: /^1$/, kind: "password-hash", ignore: LOCKED }],
  },
  {
    id: "ftpd-passwd",
    provider: "ftp",
    name: /(?:^|\/)[^/]*ftp[^/]*\.passwd$|(?:^|\/)ftpd\.passwd$/,
    parser: "user-hash",
    fields: [{ key: /^1$/, kind: "password-hash", ignore: LOCKED }],
  },
];
