import { classifyPath } from "../../paths/classify.js";
import { secretNameKind } from "../secret-names.js";
import type { SecretReference } from "./reference.js";
import { enclosingKey, matchesOf } from "./reference.js";

/** Shell-style variable use, `$NAME` or `${NAME}`, not `$$` escapes. */
const SHELL_VARIABLE = /(?<!\$)\$\{?([A-Za-z_][A-Za-z0-9_]{1,100})\}?/dg;
const AZURE_MACRO = /\$\(([A-Za-z_][\w.]{1,100})\)/dg;
const AZURE_GROUP = /^\s*-\s*group:\s*['"]?([^'"#\n]+?)['"]?\s*(?:#.*)?$/dgm;
const CIRCLE_CONTEXT = /^[ \t]*(?:-[ \t]+)?context:[ \t]*(?:\[([^\]\n]+)\]|['"]?([\w./-]+)['"]?)?[ \t]*$/dgm;
const CIRCLE_CONTEXT_ITEM = /^\s*-\s*['"]?([\w./-]+)['"]?\s*$/;
const JENKINS_CREDENTIAL = /\bcredentials(?:Id)?\s*(?:\(\s*|:\s*)['"]([\w./@-]{1,200})['"]/dg;
const DRONE_FROM_SECRET = /\bfrom_secret:\s*['"]?([\w./-]{1,200})['"]?/dg;
/** GitLab's predefined variables that are credentials (most `CI_*` variables are not). */
const GITLAB_PREDEFINED_SECRETS = new Set(["CI_JOB_TOKEN", "CI_REGISTRY_PASSWORD", "CI_DEPLOY_PASSWORD", "CI_JOB_JWT", "CI_JOB_JWT_V2"]);

function isSecretVariable(name: string): boolean {
  if (name.startsWith("CI_") || name.startsWith("GITLAB_")) return GITLAB_PREDEFINED_SECRETS.has(name);
  return secretNameKind(name) !== undefined;
}

function variables(text: string, path: string, system: string, regex: RegExp): SecretReference[] {
  const out: SecretReference[] = [];
  for (const { value: name, match } of matchesOf(regex, text)) {
    if (!isSecretVariable(name)) continue;
    const job = system === "gitlab-ci" ? enclosingKey(text, match.index, 0) : undefined;
    const parts = { name, pipeline: path, ...(job === undefined ? {} : { job }) };
    out.push({ system, id: `${system}:variables.${name}`, start: match.index, end: match.index + match[0].length, parts });
  }
  return out;
}

function named(text: string, path: string, system: string, regex: RegExp, kind: string): SecretReference[] {
  return [...matchesOf(regex, text)].map(({ value, start, end }) => ({
    system,
    id: `${system}:${kind}.${value}`,
    start,
    end,
    parts: { name: value, pipeline: path },
  }));
}

/** `context: name`, `context: [a, b]`, or `context:` followed by a block list of names. */
function circleContexts(text: string, path: string): SecretReference[] {
  const out: SecretReference[] = [];
  for (const { match } of matchesOf(CIRCLE_CONTEXT, text, 0)) {
    const names = (match[1] ?? match[2] ?? "")
      .split(",")
      .map((n) => n.trim().replace(/^['"]|['"]$/g, ""))
      .filter(Boolean);
    const end = match.index + match[0].length;
    if (names.length === 0) {
      for (const line of text.slice(end + 1, end + 2000).split("\n")) {
        const item = CIRCLE_CONTEXT_ITEM.exec(line);
        if (item === null) break;
        names.push(item[1] ?? "");
      }
    }
    for (const name of names) out.push({ system: "circleci", id: `circleci:context.${name}`, start: match.index, end, parts: { name, pipeline: path } });
  }
  return out;
}

/** Secret references of GitLab CI, Bitbucket, CircleCI, Azure Pipelines, Jenkins and Drone definitions. */
export function pipelineReferences(text: string, path: string): SecretReference[] {
  const system = classifyPath(path).ci;
  switch (system) {
    case "gitlab-ci":
    case "bitbucket-pipelines":
      return variables(text, path, system, SHELL_VARIABLE);
    case "circleci":
      return [...circleContexts(text, path), ...variables(text, path, system, SHELL_VARIABLE)];
    case "azure-pipelines":
      return [...variables(text, path, system, AZURE_MACRO), ...named(text, path, system, AZURE_GROUP, "group")];
    case "jenkins":
      return named(text, path, system, JENKINS_CREDENTIAL, "credentials");
    case "drone":
      return named(text, path, system, DRONE_FROM_SECRET, "secrets");
    default:
      return [];
  }
}
