// Build step: validates the builtin YAML rules and writes dist/builtin-rules.json, which the
// scanner loads instead of parsing YAML at every start (see src/rules/builtin-cache.ts).
import { writeRuleCache } from "../dist/rules/builtin-cache.js";
import { builtinRulesDir, loadRuleDir } from "../dist/rules/load.js";

const dir = builtinRulesDir();
const rules = loadRuleDir(dir);
writeRuleCache(
  dir,
  rules.map((r) => ({ spec: r.spec, source: r.source })),
);
