// Build step: compiles the builtin rules' Vectorscan database (keywords and line-local rule
// patterns; seconds of CPU) into dist/vectorscan.db, which the engine loads in milliseconds and
// validates (Vectorscan version, CPU, checksum). Skipped where the addon is not built; skipped
// too when the file already holds exactly these contents for this Vectorscan.
import { DETECTORS } from "../dist/detectors/index.js";
import { engineSpec } from "../dist/engine/engine.js";
import { loadVectorscan } from "../dist/engine/vectorscan-addon.js";
import { builtDatabaseFile, compileDatabase, compiledFrom, databaseContents, readDatabaseFile, writeDatabaseFile } from "../dist/engine/vectorscan-database.js";
import { loadBuiltinRules } from "../dist/rules/load.js";

const { addon } = loadVectorscan();
if (addon !== undefined) {
  const triggers = Object.values(DETECTORS).flatMap((detector) => detector.triggers ?? []);
  const spec = engineSpec(loadBuiltinRules(), triggers);
  const contents = databaseContents(spec.keywords, spec.rules);
  const file = builtDatabaseFile();
  let current;
  try {
    current = readDatabaseFile(file, addon).contents;
  } catch {
    current = undefined;
  }
  if (current === undefined || !compiledFrom(current, contents)) {
    const started = process.hrtime.bigint();
    const compiled = compileDatabase(addon, contents);
    writeDatabaseFile(file, addon, compiled);
    const seconds = (Number(process.hrtime.bigint() - started) / 1e9).toFixed(1);
    console.error(`build-vectorscan-db: ${file} (${compiled.contents.keywords.length} keywords, ${compiled.contents.rules.length} rule patterns, ${seconds} s)`);
  }
}
