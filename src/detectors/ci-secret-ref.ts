import type { Candidate } from "../model/finding.js";
import { classifyPath } from "../paths/classify.js";
import { githubActionsReferences } from "./ci-refs/github-actions.js";
import { kubernetesReferences } from "./ci-refs/kubernetes.js";
import { pipelineReferences } from "./ci-refs/pipelines.js";
import type { SecretReference } from "./ci-refs/reference.js";
import { vaultReferences } from "./ci-refs/vault.js";
import type { Detector } from "./detector.js";

const YAML = /\.ya?ml$/;
const KUBERNETES_HINT = /secretKeyRef|secretRef|secretName/;
/** Where Vault paths are configuration (YAML, env files, scripts, CI) rather than code that handles them. */
const VAULT_FILE =
  /\.(?:ya?ml|json|env|properties|toml|tf|tfvars|hcl|sh|bash|zsh|ini|cfg|conf|xml)$|(?:^|\/)(?:\.env[^/]*|Dockerfile[^/]*|Jenkinsfile[^/]*|Makefile)$/;

function referencesOf(text: string, path: string): SecretReference[] {
  const out: SecretReference[] = [];
  const { ci } = classifyPath(path);
  if (ci === "github-actions") out.push(...githubActionsReferences(text, path));
  else if (ci !== undefined) out.push(...pipelineReferences(text, path));
  if (YAML.test(path) && KUBERNETES_HINT.test(text)) out.push(...kubernetesReferences(text, path));
  if (VAULT_FILE.test(path) && text.includes("vault")) out.push(...vaultReferences(text, path));
  return out;
}

/**
 * References to managed secrets (`${{ secrets.X }}`, GitLab and CircleCI variables and contexts,
 * Kubernetes `secretKeyRef`, Vault paths). Not leaks: inventory items of kind `managed-reference`,
 * so the inventory shows which pipelines and workloads share which managed secret.
 */
export const detector: Detector = {
  id: "ci-secret-ref",
  description: "References to managed secrets in CI definitions, Kubernetes manifests and Vault paths (inventory, not leaks)",
  appliesTo: (fragment) => classifyPath(fragment.path).ci !== undefined || YAML.test(fragment.path) || VAULT_FILE.test(fragment.path),
  detect(fragment): Candidate[] {
    return referencesOf(fragment.text, fragment.path).map((ref) => ({
      ruleId: "ci-secret-ref",
      provider: ref.system,
      kind: "managed-reference",
      severity: "low",
      // An identifier of the managed secret, not a secret: the same name in two workflows is one item.
      secret: ref.id,
      start: ref.start,
      end: ref.end,
      confidence: "high",
      nonExpiring: false,
      parts: ref.parts,
    }));
  },
};
