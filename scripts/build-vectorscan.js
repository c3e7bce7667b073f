// Build step: compiles the optional Vectorscan addon (native/vectorscan) with node-gyp when
// Vectorscan or Hyperscan headers are present (Debian `libvectorscan-dev`, Homebrew
// `vectorscan`), like better-sqlite3 compiles at install. Without them, or when the compiler
// fails, it prints one line and exits 0: nhiscan then runs its JS match engine. An install
// never fails because of this step. `NHISCAN_VECTORSCAN=0` skips it.
//
// `node scripts/build-vectorscan.js cflags|libs` prints the compiler or linker flags; the
// addon's binding.gyp asks this way, so the header search lives in one place.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const addonDir = path.join(root, "native", "vectorscan");
export const addonFile = path.join(addonDir, "build", "Release", "vectorscan.node");
const logFile = path.join(addonDir, "build.log");

/** Compiler and linker flags for libhs, or undefined when no headers are found. */
export function findVectorscan() {
  try {
    const cflags = execFileSync("pkg-config", ["--cflags", "libhs"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const libs = execFileSync("pkg-config", ["--libs", "libhs"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const include = cflags
      .split(/\s+/)
      .find((f) => f.startsWith("-I"))
      ?.slice(2);
    if (include === undefined || existsSync(path.join(include, "hs.h"))) return { cflags, libs };
  } catch {
    // no pkg-config, or no libhs.pc: look in the usual prefixes
  }
  const prefixes = [process.env["HOMEBREW_PREFIX"], "/opt/homebrew", "/usr/local", "/usr"].filter(Boolean);
  for (const prefix of prefixes) {
    if (existsSync(path.join(prefix, "include", "hs", "hs.h"))) {
      return { cflags: `-I${path.join(prefix, "include", "hs")}`, libs: `-L${path.join(prefix, "lib")} -lhs` };
    }
  }
  return undefined;
}

/** node-gyp as npm bundles it: npm names it for lifecycle scripts; else next to npm or Node. */
function findNodeGyp() {
  const candidates = [
    process.env["npm_config_node_gyp"],
    process.env["npm_execpath"] && path.join(path.dirname(process.env["npm_execpath"]), "..", "node_modules", "node-gyp", "bin", "node-gyp.js"),
    path.join(path.dirname(process.execPath), "..", "lib", "node_modules", "npm", "node_modules", "node-gyp", "bin", "node-gyp.js"),
    path.join(path.dirname(process.execPath), "node_modules", "npm", "node_modules", "node-gyp", "bin", "node-gyp.js"),
  ];
  try {
    candidates.push(createRequire(import.meta.url).resolve("node-gyp/bin/node-gyp.js"));
  } catch {
    // not installed locally
  }
  return candidates.find((c) => typeof c === "string" && existsSync(c));
}

/** Node's own headers when they sit next to the binary (distribution packages): no download. */
function nodeDirArgs() {
  if (process.env["npm_config_nodedir"]) return [];
  const prefix = path.resolve(path.dirname(process.execPath), "..");
  return existsSync(path.join(prefix, "include", "node", "node_api.h")) ? [`--nodedir=${prefix}`] : [];
}

function isUpToDate() {
  if (!existsSync(addonFile)) return false;
  const built = statSync(addonFile).mtimeMs;
  const sources = [path.join(addonDir, "binding.gyp"), fileURLToPath(import.meta.url)];
  for (const name of readdirSync(path.join(addonDir, "src"))) sources.push(path.join(addonDir, "src", name));
  return sources.every((file) => statSync(file).mtimeMs <= built);
}

/** Loads the freshly built addon in a child process: a library missing at run time shows here. */
function loads() {
  const probe = `const v = require(${JSON.stringify(addonFile)}); if (!v.validPlatform) process.exit(2);`;
  return spawnSync(process.execPath, ["-e", probe], { stdio: "ignore" }).status === 0;
}

export function buildVectorscan() {
  const skip = (reason) => {
    console.error(`build-vectorscan: ${reason}; nhiscan will use its JS match engine`);
    return false;
  };
  if (process.env["NHISCAN_VECTORSCAN"] === "0") return skip("skipped (NHISCAN_VECTORSCAN=0)");
  if (findVectorscan() === undefined) return skip("Vectorscan headers not found (Debian: libvectorscan-dev, Homebrew: vectorscan)");
  if (isUpToDate()) return true;
  const nodeGyp = findNodeGyp();
  if (nodeGyp === undefined) return skip("node-gyp not found");
  const result = spawnSync(process.execPath, [nodeGyp, "rebuild", "--directory", addonDir, ...nodeDirArgs()], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  mkdirSync(addonDir, { recursive: true });
  writeFileSync(logFile, `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}`);
  if (result.status !== 0 || !existsSync(addonFile)) return skip(`compiling the addon failed (see ${path.relative(root, logFile)})`);
  if (!loads()) {
    rmSync(addonFile, { force: true });
    return skip("the compiled addon does not load on this machine");
  }
  console.error(`build-vectorscan: built ${path.relative(root, addonFile)}`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const mode = process.argv[2];
  if (mode === "cflags" || mode === "libs") {
    const found = findVectorscan();
    if (found === undefined) process.exitCode = 1;
    else console.log(found[mode]);
  } else {
    buildVectorscan();
  }
}
