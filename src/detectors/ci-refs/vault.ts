import type { SecretReference } from "./reference.js";
import { matchesOf } from "./reference.js";

/** `vault:<path>#<key>` references (Vault agent, bank-vaults, Spring Cloud Vault, argocd-vault-plugin). */
const VAULT_URI = /(?<![\w/])vault:(?!\/\/)([\w-]+(?:\/[\w.-]+)+(?:#[\w.-]+)?)/dg;
/** `vault kv get [-field=x] path`, `vault read path`. */
const VAULT_CLI = /\bvault\s+(?:kv\s+get|read)\s+(?:-[\w-]+(?:=\S+)?\s+){0,4}([\w-]+(?:\/[\w.-]+)+)/dg;
/** GitLab CI `secrets:` with `vault: path/to/secret/field@mount`. */
const GITLAB_VAULT = /^[ \t]*vault:[ \t]*['"]?([\w-]+(?:\/[\w.-]+)+(?:@[\w.-]+)?)['"]?[ \t]*$/dgm;

/** References to HashiCorp Vault paths: the path is the managed secret's identifier. */
export function vaultReferences(text: string, path: string): SecretReference[] {
  const out: SecretReference[] = [];
  for (const regex of [VAULT_URI, VAULT_CLI, GITLAB_VAULT]) {
    for (const { value, start, end } of matchesOf(regex, text)) {
      out.push({ system: "vault", id: `vault:${value}`, start, end, parts: { name: value, file: path } });
    }
  }
  return out;
}
