/** Configuration syntaxes the structured-config detector reads key by key. */
export type ConfigFormat = "env" | "dockerfile" | "properties" | "ini" | "toml" | "terraform" | "yaml" | "json" | "xml";

const BY_NAME: readonly (readonly [RegExp, ConfigFormat])[] = [
  [/^(?:\.env(?:\..+)?|.+\.env|\.envrc|env\.list|\.flaskenv)$/i, "env"],
  [/^(?:(?:docker|container)file(?:\..+)?|.+\.(?:docker|container)file)$/i, "dockerfile"],
  [/^(?:\.npmrc|\.pypirc|\.pgpass|\.s3cfg|\.boto|\.gitconfig|\.my\.cnf|pip\.conf|.+\.(?:ini|cfg|conf|cnf))$/i, "ini"],
  [/\.properties$/i, "properties"],
  [/\.toml$/i, "toml"],
  [/\.(?:tf|tfvars|hcl)$/i, "terraform"],
  [/\.ya?ml$/i, "yaml"],
  [/\.(?:json|jsonc|json5)$/i, "json"],
  [/\.(?:xml|config)$/i, "xml"],
];

/** The configuration format of a path, from its file name; undefined for source code and other text. */
export function configFormatOf(path: string): ConfigFormat | undefined {
  const name = path.slice(path.lastIndexOf("/") + 1);
  for (const [pattern, format] of BY_NAME) if (pattern.test(name)) return format;
  return undefined;
}
