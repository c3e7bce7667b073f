import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import type { ResolvedConfig } from "../model/config.js";
import { ConfigError } from "../model/errors.js";
import type { Confidence } from "../model/rule.js";
import { baseName, dirName, isWithin, joinPath, resolvePath } from "../util/path.js";
import { formatZodIssues } from "../util/zod-issues.js";
import { lazyRequire } from "../util/lazy-require.js";
import { CONFIG_DEFAULTS, configSchema } from "./schema.js";
import type { ConfigFile } from "./schema.js";

const yaml = lazyRequire<typeof import("yaml")>("yaml");

export const CONFIG_NAMES = [".nhiscan.yml", ".nhiscan.yaml"] as const;
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
export const DEFAULT_FAIL_ON = ["finding"] as const;

/** Flags that override the config file. */
export interface ConfigOverrides {
  readonly configFile?: string;
  readonly failOn?: readonly string[];
  readonly maxFileSize?: number;
  readonly minConfidence?: Confidence;
  readonly baseline?: string;
}

/** Finds the config file: the explicit one, or `.nhiscan.yml` in the first target folder. */
export function findConfigFile(root: string, explicit: string | undefined, cwd: string): string | undefined {
  if (explicit !== undefined) {
    const file = resolvePath(cwd, explicit);
    if (!existsSync(file)) throw new ConfigError(`${explicit}: config file not found`, { hint: "Check the --config path." });
    return file;
  }
  const dir = existsSync(root) && statSync(root).isDirectory() ? root : dirName(root);
  return CONFIG_NAMES.map((name) => joinPath(dir, name)).find((file) => existsSync(file));
}

/** Reads and validates a config file; errors name the file, the key and what was expected. */
export function readConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(`${file}: cannot read config file (${(error as NodeJS.ErrnoException).code ?? "error"})`, { cause: error });
  }
  return parseConfigText(text, file);
}

/** Validates config text (a file, or a file at a git revision named by `file`). */
export function parseConfigText(text: string, file: string): ConfigFile {
  const doc = yaml().parseDocument(text);
  const yamlError = doc.errors[0];
  if (yamlError !== undefined) {
    throw new ConfigError(`${file}: expected valid YAML: ${yamlError.message.split("\n")[0]}`, { hint: "Fix the YAML syntax at the line shown." });
  }
  const parsed = configSchema().safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    throw new ConfigError(`${file}: ${formatZodIssues(parsed.error).join("; ")}`, {
      hint: "See `nhiscan init` for a commented example of every key.",
    });
  }
  return parsed.data;
}

const FAIL_ON_SYNTAX = /^(?:finding|none|grade\s*<\s*[A-F]|severity\s*>=\s*(?:low|medium|high|critical)|[a-z]+(?:-[a-z]+)*)$/;

/** What was probably meant by a malformed fail-on entry, and how to quote it for a shell. */
function failOnHint(entry: string): string {
  const grade = /^grade\W*([A-F])$/i.exec(entry);
  const severity = /^severity\W*(low|medium|high|critical)$/i.exec(entry);
  const meant = grade !== null ? `grade<${grade[1]?.toUpperCase()}` : severity !== null ? `severity>=${severity[1]?.toLowerCase()}` : undefined;
  const quoting = 'Quote it in a shell, where < and > redirect: --fail-on "grade<C,plaintext-in-ci".';
  return meant === undefined ? `${quoting} Check ids: \`nhiscan scan --help\`.` : `Did you mean \`${meant}\`? ${quoting}`;
}

/** Normalises and checks `--fail-on` / `policy.failOn` entries. */
export function parseFailOn(value: string | readonly string[], where: string): string[] {
  const entries = (typeof value === "string" ? [value] : value).flatMap((v) => v.split(",")).map((v) => v.trim().replace(/\s+/g, ""));
  for (const entry of entries) {
    if (!FAIL_ON_SYNTAX.test(entry)) {
      throw new ConfigError(`${where}: expected \`finding\`, \`none\`, \`grade<X\` (X in A–F), \`severity>=LEVEL\` or check ids, got \`${entry}\``, {
        hint: failOnHint(entry),
      });
    }
  }
  return entries;
}

/** Loads the config for a scan of `root` and applies flag overrides. */
export function resolveConfig(root: string, overrides: ConfigOverrides, cwd: string): ResolvedConfig {
  const file = findConfigFile(root, overrides.configFile, cwd);
  const label = overrides.configFile ?? (file === undefined ? undefined : baseName(file));
  const loaded = file === undefined ? undefined : { file, raw: readConfigFile(file), ...(label === undefined ? {} : { label }) };
  return applyOverrides(loaded, overrides, cwd, overrides.configFile !== undefined);
}

/** A config already read: its file (absolute; for a git revision, where it sits in the work tree), a display label, and its content. */
export interface LoadedConfig {
  readonly file: string;
  readonly label?: string;
  readonly raw: ConfigFile;
}

/**
 * The resolved config of a loaded file (or the defaults) with flag overrides applied. Its
 * `plugins:` are resolved only when `trustedCode` (an operator's `--config`): a repository's own
 * config never names code to run.
 */
export function applyOverrides(loaded: LoadedConfig | undefined, overrides: ConfigOverrides, cwd: string, trustedCode = false): ResolvedConfig {
  const file = loaded?.file;
  const raw = loaded?.raw ?? CONFIG_DEFAULTS;
  const base = file === undefined ? cwd : dirName(file);
  const failOn =
    overrides.failOn !== undefined
      ? parseFailOn(overrides.failOn, "--fail-on")
      : raw.policy.failOn !== undefined
        ? parseFailOn(raw.policy.failOn, `${file}: policy.failOn`)
        : [...DEFAULT_FAIL_ON];
  const baseline = overrides.baseline ?? raw.baseline;
  return {
    file,
    ...(loaded?.label === undefined ? {} : { label: loaded.label }),
    ...(trustedCode && raw.plugins !== undefined ? { plugins: raw.plugins.map((p) => resolvePath(base, p)) } : {}),
    ruleDirs: raw.rules.paths.map((p, i) => (trustedCode ? resolvePath(base, p) : confined(base, p, `${file}: rules.paths[${i}]`, true))),
    disabledRules: raw.rules.disable,
    exclude: raw.exclude,
    allowlist: raw.allowlist,
    policy: { ...raw.policy, failOn },
    owners: raw.owners,
    maxFileSize: overrides.maxFileSize ?? raw.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    minConfidence: overrides.minConfidence ?? raw.minConfidence ?? "low",
    baseline:
      baseline === undefined
        ? undefined
        : trustedCode || overrides.baseline !== undefined
          ? resolvePath(base, baseline)
          : confined(base, baseline, `${file}: baseline`, false),
  };
}

/**
 * A path a repository's own config names, resolved inside the repository: a rule folder (and each
 * rule file in it) or the baseline may not lead out of it, by `..`, an absolute path or a symbolic
 * link, so a scanned repository cannot make nhiscan read, and echo in its errors, files elsewhere.
 * The message does not repeat the path either: it is the repository's text.
 */
function confined(base: string, path: string, where: string, isRuleDir: boolean): string {
  const resolved = resolvePath(base, path);
  let escapes = !isWithin(base, resolved);
  if (!escapes && isRuleDir) {
    try {
      escapes = readdirSync(resolved).some((name) => !isWithin(base, joinPath(resolved, name)));
    } catch {
      // A missing folder is reported when the rules are loaded.
    }
  }
  if (escapes) {
    throw new ConfigError(`${where}: expected a path inside the repository (a repository's config cannot name files outside it)`, {
      hint: "Name rule folders outside the repository in an operator config (--config).",
    });
  }
  return resolved;
}
