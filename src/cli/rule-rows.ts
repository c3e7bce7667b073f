import { resolveConfig } from "../config/load.js";
import { loadPlugins } from "../detectors/plugin-load.js";
import { resolvePath } from "../util/path.js";

/** A plugin detector as `rules list` shows it. */
export interface PluginRuleRow {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  readonly kind: string;
  readonly severity: string;
  readonly triggers: readonly string[];
  readonly plugin: string;
  readonly file: string;
  readonly hash: string;
}

/** The detectors of the plugins named by `--plugin` flags and by an operator `--config`. */
export async function pluginRows(cwd: string, files: readonly string[], config: string | undefined): Promise<PluginRuleRow[]> {
  const fromConfig = config === undefined ? [] : (resolveConfig(cwd, { configFile: config }, cwd).plugins ?? []);
  const plugins = await loadPlugins([...files.map((f) => resolvePath(cwd, f)), ...fromConfig]);
  return plugins.flatMap((p) =>
    p.detectors.map((d) => ({
      id: d.id,
      name: d.name,
      provider: d.provider,
      kind: d.kind,
      severity: d.severity,
      triggers: d.triggers,
      plugin: p.name,
      file: p.file,
      hash: p.hash,
    })),
  );
}
