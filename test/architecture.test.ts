import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

// Stages in pipeline order: a module may import only from its own stage, stages to its left,
// and the shared model/util. `api` wires the stages; `cli` sits on top.
const ORDER = [
  "model",
  "util",
  "paths",
  "values",
  "config",
  "rules",
  "engine",
  "sources",
  "detectors",
  "scan",
  "inventory",
  "checks",
  "store",
  "report",
  "api",
  "cli",
];
const SHARED = new Set(["model", "util"]);
const SRC = path.resolve(import.meta.dirname, "..", "src");

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
  );
}

function stageOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length === 1 ? "api" : (rel[0] ?? "");
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms), ...text.matchAll(/import\("([^"]+)"\)/g)];
  return specs.map((m) => m[1] ?? "").filter((s) => s.startsWith("."));
}

const files = listFiles(SRC);
const edges = files.map((file) => ({
  file,
  targets: importsOf(file).map((spec) => path.resolve(path.dirname(file), spec).replace(/\.js$/, ".ts")),
}));

describe("architecture", () => {
  test("every stage folder is known", () => {
    expect(files.map(stageOf).filter((s) => !ORDER.includes(s))).toEqual([]);
  });

  test("imports only go leftwards through the pipeline", () => {
    const backEdges = edges.flatMap(({ file, targets }) =>
      targets
        .filter((target) => {
          const from = stageOf(file);
          const to = stageOf(target);
          if (to === from || SHARED.has(to)) return false;
          if (from === "model") return true;
          return ORDER.indexOf(to) > ORDER.indexOf(from) || (from === "util" && to !== "util");
        })
        .map((target) => `${path.relative(SRC, file)} -> ${path.relative(SRC, target)}`),
    );
    expect(backEdges).toEqual([]);
  });

  test("model imports nothing but model", () => {
    const bad = edges.filter(({ file }) => stageOf(file) === "model").flatMap(({ targets }) => targets.filter((t) => stageOf(t) !== "model"));
    expect(bad).toEqual([]);
  });

  test("there are no import cycles", () => {
    const graph = new Map(edges.map(({ file, targets }) => [file, targets]));
    const state = new Map<string, "visiting" | "done">();
    const cycles: string[] = [];
    const visit = (node: string, trail: string[]) => {
      if (state.get(node) === "done") return;
      if (state.get(node) === "visiting") {
        cycles.push([...trail.slice(trail.indexOf(node)), node].map((f) => path.relative(SRC, f)).join(" -> "));
        return;
      }
      state.set(node, "visiting");
      for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
      state.set(node, "done");
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  test("nothing below src/cli prints or exits the process", () => {
    const offenders = files
      .filter((f) => stageOf(f) !== "cli")
      .filter((f) => /console\.(log|error|warn)|process\.exit\b|process\.exitCode|process\.std(out|err)\.write/.test(readFileSync(f, "utf8")));
    expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
  });

  test("node:path is used only in src/util/path.ts", () => {
    const offenders = files.filter((f) => !f.endsWith(path.join("util", "path.ts")) && /from "(node:)?path"/.test(readFileSync(f, "utf8")));
    expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
  });
});
