// The accuracy corpus in memory: files made of filler lines in their own syntax, planted blocks
// (with ground truth) and decoy blocks, written out with the line numbers of every plant.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const WORDS =
  "account order invoice user session cache queue worker report metric event payment customer product inventory shipment audit billing search profile config".split(
    " ",
  );

/** The syntax of a file, from its path: decides the filler lines and how blocks are wrapped. */
export function syntaxOf(file) {
  const name = path.basename(file);
  if (name.endsWith(".ipynb")) return "notebook";
  if (/^\.env|\.env$/.test(name)) return "env";
  if (/Dockerfile/.test(name)) return "dockerfile";
  if (/Jenkinsfile/.test(name)) return "groovy";
  const ext = path.extname(name).slice(1);
  const map = {
    yml: "yaml",
    yaml: "yaml",
    tfvars: "tf",
    mjs: "js",
    jsx: "js",
    tsx: "ts",
    kt: "java",
    cfg: "ini",
    conf: "ini",
    pem: "raw",
    key: "raw",
    crt: "raw",
    http: "raw",
  };
  return map[ext] ?? (ext === "" ? "raw" : ext);
}

const COMMENT = { py: "#", sh: "#", rb: "#", yaml: "#", env: "#", toml: "#", ini: ";", tf: "#", dockerfile: "#", properties: "#" };

/** One plausible non-secret line of a syntax. */
export function fillerLine(syntax, rand) {
  const w = () => WORDS[Math.floor(rand() * WORDS.length)];
  const n = () => Math.floor(rand() * 5000);
  const W = () => w()[0].toUpperCase() + w().slice(1);
  switch (syntax) {
    case "ts":
    case "js":
      return pickOne(rand, [
        `  const ${w()}Count = items.filter((x) => x.${w()} > ${n()}).length;`,
        `  logger.info("${w()} ${w()} done", { id: ${w()}.id });`,
        `  return await this.${w()}Service.find${W()}(${w()}Id);`,
      ]);
    case "py":
    case "notebook":
      return pickOne(rand, [
        `    ${w()}_total = sum(x.${w()} for x in ${w()}s)`,
        `    logger.info("processing %s ${w()}", ${w()}.id)`,
        `    return self.${w()}_repo.get(${w()}_id, limit=${n()})`,
      ]);
    case "go":
      return pickOne(rand, [`\t${w()}s, err := s.repo.List${W()}(ctx, ${n()})`, `\tif err != nil {\n\t\treturn fmt.Errorf("${w()}: %w", err)\n\t}`]);
    case "java":
    case "cs":
      return pickOne(rand, [`        var ${w()}List = ${w()}Repository.findAll(${n()});`, `        log.debug("loaded {} ${w()}s", ${w()}List.size());`]);
    case "rb":
      return `    @${w()}s = ${W()}.where(${w()}_id: params[:id]).limit(${n()})`;
    case "php":
      return `    $${w()}s = $this->${w()}Repository->findBy(['${w()}' => $id], null, ${n()});`;
    case "sh":
      return pickOne(rand, [`echo "deploying ${w()} ${n()}"`, `kubectl rollout status deploy/${w()}-${w()} --timeout=${n()}s`]);
    case "yaml":
      return pickOne(rand, [`${w()}_${w()}: ${n()}`, `${w()}_enabled: ${rand() < 0.5}`, `${w()}_name: ${w()}-${w()}`]);
    case "env":
      return `${w().toUpperCase()}_${w().toUpperCase()}=${pickOne(rand, [String(n()), `${w()}-${w()}`, "true"])}`;
    case "json":
      return `  "${w()}${W()}": ${pickOne(rand, [String(n()), `"${w()}-${w()}"`, "true"])},`;
    case "tf":
      return `  ${w()}_${w()} = ${pickOne(rand, [String(n()), `"${w()}-${w()}"`, "true"])}`;
    case "toml":
    case "ini":
    case "properties":
      return `${w()}_${w()} = ${pickOne(rand, [String(n()), `${w()}-${w()}`])}`;
    case "dockerfile":
      return pickOne(rand, [`RUN apt-get install -y ${w()}-${w()}`, `COPY ${w()}/ /app/${w()}/`, `EXPOSE ${n()}`]);
    case "md":
      return pickOne(rand, [`The ${w()} service reads its ${w()} settings at start-up.`, `- ${W()} ${w()}s are retried ${n() % 9} times.`, ""]);
    case "groovy":
      return `        sh "make ${w()} ${w()}"`;
    default:
      return `${w()} ${w()} ${n()}`;
  }
}

export function pickOne(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

/** Files under construction: blocks of lines with optional ground truth, filler in between. */
export class Corpus {
  constructor(rand) {
    this.rand = rand;
    this.files = new Map();
    this.truth = [];
  }

  /**
   * Adds lines to a file. `truth` (optional): { family, rule, secret, kind } for a planted
   * credential; `decoy: true` marks lines that must yield nothing.
   */
  add(file, lines, truth, decoy = false) {
    if (!this.files.has(file)) this.files.set(file, []);
    this.files.get(file).push({ lines: Array.isArray(lines) ? lines : lines.split("\n"), truth, decoy });
  }

  /** Writes every file; returns the truth entries with their line ranges. */
  write(dir) {
    const truth = [];
    for (const [file, blocks] of this.files) {
      const syntax = syntaxOf(file);
      const out = [];
      const filler = () => {
        if (syntax === "raw" || syntax === "md" || syntax === "json" || syntax === "notebook") return;
        const count = 1 + Math.floor(this.rand() * 3);
        for (let i = 0; i < count; i++) out.push(...fillerLine(syntax, this.rand).split("\n"));
      };
      for (const block of blocks) {
        filler();
        const first = out.length + 1;
        out.push(...block.lines);
        if (block.truth) truth.push({ ...block.truth, path: file, startLine: first, endLine: out.length });
        if (block.decoy) truth.push({ family: "decoy", path: file, startLine: first, endLine: out.length, decoy: true });
      }
      filler();
      const text = wrap(
        syntax,
        out,
        this.rand,
        truth.filter((t) => t.path === file),
      );
      mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    return truth;
  }
}

/** Puts the lines into a whole file of the syntax; shifts the truth line numbers it prepends to. */
function wrap(syntax, lines, rand, truthOfFile) {
  const shift = (n) => {
    for (const t of truthOfFile) {
      t.startLine += n;
      t.endLine += n;
    }
  };
  if (syntax === "json") {
    shift(1);
    return `{\n${lines.join("\n")}\n  "generated": true\n}\n`;
  }
  if (syntax === "notebook") {
    // One source line per JSON line, so the truth line numbers stay exact after the header.
    const header = [
      "{",
      ' "cells": [',
      "  {",
      '   "cell_type": "code",',
      '   "execution_count": 1,',
      '   "metadata": {},',
      '   "outputs": [],',
      '   "source": [',
    ];
    shift(header.length);
    const body = lines.map((l, i) => `    ${JSON.stringify(i === lines.length - 1 ? l : `${l}\n`)}${i === lines.length - 1 ? "" : ","}`);
    return `${[...header, ...body, "   ]", "  }", " ],", ' "metadata": {"kernelspec": {"name": "python3"}},', ' "nbformat": 4,', ' "nbformat_minor": 5', "}"].join("\n")}\n`;
  }
  const comment = COMMENT[syntax];
  if (comment !== undefined && rand() < 0.5) {
    shift(1);
    return `${comment} generated configuration, do not edit by hand\n${lines.join("\n")}\n`;
  }
  return `${lines.join("\n")}\n`;
}
