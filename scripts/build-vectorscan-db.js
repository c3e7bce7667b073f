// Build step: compiles the builtin rules' and detectors' keywords into a Vectorscan database,
// dist/vectorscan.db, which the engine loads in milliseconds and validates (Vectorscan version,
// CPU, checksum). Skipped where the addon is not built, and when the file already holds exactly
// these keywords for this Vectorscan.
import { DETECTORS } from "../dist/detectors/index.js";
import { engineSpec } from "../dist/engine/engine.js";
import { loadVectorscan } from "../dist/engine/vectorscan-addon.js";
import { builtDatabaseFile, compileDatabase, readDatabaseFile, writeDatabaseFile } from "../dist/engine/vectorscan-database.js";
import { loadBuiltinRules } from "../dist/rules/load.js";

const { addon } = loadVectorscan();
if (addon !== undefined) {
  const triggers = Object.values(DETECTORS).flatMap((detector) => detector.triggers ?? []);
  const { keywords } = engineSpec(loadBuiltinRules(), triggers);
  const file = builtDatabaseFile();
  let current;
  try {
    current = readDatabaseFile(file, addon).keywords;
  } catch {
    current = undefined;
  }
  if (JSON.stringify(current) !== JSON.stringify(keywords)) {
    const started = process.hrtime.bigint();
    writeDatabaseFile(file, addon, compileDatabase(addon, keywords));
    const seconds = (Number(process.hrtime.bigint() - started) / 1e9).toFixed(1);
    console.error(`build-vectorscan-db: ${file} (${keywords.length} keywords, ${seconds} s)`);
  }
}
