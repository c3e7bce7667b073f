import { pathToFileURL } from "node:url";
import { ConfigError } from "../model/errors.js";
import type { CredentialKind, Severity } from "../model/rule.js";
import { CREDENTIAL_KINDS, SEVERITIES } from "../model/rule.js";
import { shortHash } from "../util/hash.js";

/** What a plugin's `detect` returns for each secret: its offset in the text and its value. */
export interface PluginMatch {
  readonly index: number;
  readonly value: string;
}

/** One detector of a plugin, as the plugin declares it. */
export interface PluginDetector {
  /** Kebab-case id; the rule id of its findings. */
  readonly id: string;
  readonly kind: CredentialKind;
  readonly provider: string;
  readonly severity: Severity;
  /** Words (case-insensitive) of which one must occur in a file for `detect` to run; none: every file. */
  readonly triggers: readonly string[];
  /** Display name (default: the id). */
  readonly name: string;
  readonly detect: (text: string, context: { readonly path: string }) => unknown;
}

/** A loaded plugin: its name, the file it came from, its detectors. */
export interface Plugin {
  readonly name: string;
  /** Absolute path of the module: detection workers import it themselves. */
  readonly file: string;
  /** Short hash of the plugin name and its detector ids, shown as the rules' hash. */
  readonly hash: string;
  readonly detectors: readonly PluginDetector[];
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Imports plugin modules (ES modules whose default export is `{ name, detectors }`). Plugins are
 * code run with the scanner's rights: only the operator names them (`--plugin`, `--config`). A
 * module that cannot be imported or has the wrong shape is a config error naming the file.
 */
export async function loadPlugins(files: readonly string[]): Promise<Plugin[]> {
  const plugins: Plugin[] = [];
  for (const file of files) plugins.push(await loadPlugin(file));
  const seen = new Map<string, string>();
  for (const plugin of plugins) {
    for (const detector of plugin.detectors) {
      const other = seen.get(detector.id);
      if (other !== undefined) throw new ConfigError(`${plugin.file}: plugin ${plugin.name}: detector id \`${detector.id}\` is also used by plugin ${other}`);
      seen.set(detector.id, plugin.name);
    }
  }
  return plugins;
}

async function loadPlugin(file: string): Promise<Plugin> {
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" ? "file not found" : error instanceof Error ? error.message : String(error);
    throw new ConfigError(`${file}: cannot load plugin (${why})`, {
      hint: "A plugin is an ES module file (.mjs or .js) with a default export { name, detectors }.",
      cause: error,
    });
  }
  const fail = (what: string): never => {
    throw new ConfigError(`${file}: plugin: ${what}`, { hint: 'See "Writing a plugin" in the README.' });
  };
  const value = module.default;
  if (typeof value !== "object" || value === null) return fail("expected a default export { name, detectors }");
  const { name, detectors } = value as { name?: unknown; detectors?: unknown };
  if (typeof name !== "string" || name.trim() === "") return fail("expected `name` to be a non-empty string");
  if (!Array.isArray(detectors) || detectors.length === 0) return fail(`${name}: expected \`detectors\` to be a non-empty array`);
  const parsed = detectors.map((d: unknown, i) => toDetector(d, (what) => fail(`${name}: detectors[${i}]: ${what}`)));
  return { name, file, hash: shortHash(`${name}\u0000${parsed.map((d) => d.id).join(",")}`), detectors: parsed };
}

function toDetector(value: unknown, fail: (what: string) => never): PluginDetector {
  if (typeof value !== "object" || value === null) return fail("expected an object");
  const d = value as Record<string, unknown>;
  const { id, kind, provider, severity, triggers, detect, name } = d;
  if (typeof id !== "string" || !ID.test(id)) return fail("expected `id` in kebab-case (e.g. acme-api-key)");
  if (!CREDENTIAL_KINDS.includes(kind as CredentialKind)) return fail(`\`kind\`: expected one of ${CREDENTIAL_KINDS.join(", ")}`);
  if (typeof provider !== "string" || provider === "") return fail("expected `provider` to be a non-empty string");
  if (!SEVERITIES.includes(severity as Severity)) return fail(`\`severity\`: expected one of ${SEVERITIES.join(", ")}`);
  if (triggers !== undefined && (!Array.isArray(triggers) || !triggers.every((t) => typeof t === "string" && t.length >= 2))) {
    return fail("expected `triggers` to be an array of words (2+ characters)");
  }
  if (typeof detect !== "function") return fail("expected `detect(text, { path })` to be a function");
  if (name !== undefined && typeof name !== "string") return fail("expected `name` to be a string");
  return {
    id,
    kind: kind as CredentialKind,
    provider,
    severity: severity as Severity,
    triggers: ((triggers as string[] | undefined) ?? []).map((t) => t.toLowerCase()),
    name: name ?? id,
    detect: detect as PluginDetector["detect"],
  };
}
