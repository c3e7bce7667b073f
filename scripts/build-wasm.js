// Builds wasm/prefilter.wasm from wasm/prefilter.ts with AssemblyScript (a devDependency), as
// part of `npm run build`. The flags are fixed so the bytes are reproducible; test/wasm checks it.
// Without assemblyscript installed the build goes on: nhiscan then uses the JS prefilter.
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The asc arguments for one output file (shared with the reproducibility test). */
export function ascArgs(outFile) {
  return [
    path.join(root, "wasm", "prefilter.ts"),
    "--enable", "simd",
    "-O3",
    "--runtime", "stub",
    "--noAssert",
    "--memoryBase", "65536",
    "--initialMemory", "17",
    "--outFile", outFile,
  ];
}

export async function buildWasm(outFile) {
  let asc;
  try {
    asc = (await import("assemblyscript/asc")).default;
  } catch {
    console.error("build-wasm: assemblyscript is not installed; the JS keyword prefilter will be used");
    return false;
  }
  const { error, stderr } = await asc.main(ascArgs(outFile));
  if (error) throw new Error(`build-wasm: ${error.message}\n${stderr.toString()}`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildWasm(path.join(root, "wasm", "prefilter.wasm"));
}
