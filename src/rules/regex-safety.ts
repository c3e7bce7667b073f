import { ConfigError } from "../model/errors.js";
import { linearRegexProblem } from "../util/linear-match.js";

/**
 * Finds constructs that can make a backtracking regex engine take exponential time:
 * a quantified group that itself contains an unbounded quantifier (`(a+)+`, `(\w*)*`,
 * `(?:x+y?)+`), a quantified alternation whose branches can start alike (`(a|ab)*`), and
 * polynomial time: three or more unbounded wildcards in one sequence (`.*a.*a.*b`, `\w+\w+\w+`),
 * each of which can take what the others take (degree 3 and up: minutes on a long line).
 * Conservative by design: it may reject a safe pattern, never accept an obviously unsafe one.
 */
export function findBacktrackingRisk(pattern: string): string | undefined {
  interface Group {
    hasUnbounded: boolean;
    branches: string[];
    /** Unbounded wildcards in the current branch. */
    wildcards: number;
  }
  const stack: Group[] = [{ hasUnbounded: false, branches: [""], wildcards: 0 }];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    const top = stack[stack.length - 1];
    if (top === undefined) return undefined;
    if (ch === "\\") {
      append(top.branches, pattern.slice(i, i + 2));
      i++;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      append(top.branches, "[");
      continue;
    }
    if (ch === "(") {
      stack.push({ hasUnbounded: false, branches: [""], wildcards: 0 });
      // Skip the group's modifier (`?:`, `?=`, `?!`, `?<=`, `?<!`, `?<name>`) so it is not read as content.
      const prefix = /^\?(?::|=|!|<=|<!|<[A-Za-z_][A-Za-z0-9_]*>)/.exec(pattern.slice(i + 1));
      if (prefix !== null) i += prefix[0].length;
      continue;
    }
    if (ch === "|") {
      top.branches.push("");
      top.wildcards = 0;
      continue;
    }
    if (ch === ")") {
      stack.pop();
      const parent = stack[stack.length - 1];
      if (parent === undefined) return undefined;
      const quantifier = readQuantifier(pattern, i + 1);
      if (quantifier?.repeats) {
        if (top.hasUnbounded) return `nested quantifier at offset ${i}: a repeated group contains an unbounded repetition`;
        if (quantifier.unbounded && overlappingBranches(top.branches)) {
          return `overlapping alternation under a repetition at offset ${i}`;
        }
      }
      parent.hasUnbounded ||= top.hasUnbounded || (quantifier?.unbounded ?? false);
      continue;
    }
    const quantifier = readQuantifier(pattern, i);
    if (quantifier === undefined) {
      append(top.branches, ch ?? "");
      continue;
    }
    if (quantifier.unbounded) {
      top.hasUnbounded = true;
      if (WILDCARD_TAIL.test(top.branches[top.branches.length - 1] ?? "") && ++top.wildcards >= MAX_WILDCARDS) {
        return `${MAX_WILDCARDS} unbounded wildcards in one sequence at offset ${i}: polynomial backtracking`;
      }
    }
    i += quantifier.length - 1;
  }
  return undefined;
}

// An atom that matches almost anything: `.`, `\S`, `\w`, `\W`, `\D` (not an escaped `\.`).
const WILDCARD_TAIL = /(?:^|[^\\])(?:\\\\)*(?:\.|\\[SwWD])$/;
const MAX_WILDCARDS = 3;

function readQuantifier(pattern: string, at: number): { unbounded: boolean; repeats: boolean; length: number } | undefined {
  const ch = pattern[at];
  if (ch === "*" || ch === "+") return { unbounded: true, repeats: true, length: 1 };
  if (ch === "?") return { unbounded: false, repeats: false, length: 1 };
  if (ch === "{") {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at));
    if (m === null) return undefined;
    const max = m[2] === undefined ? Number(m[1]) : m[3] === "" ? Infinity : Number(m[3]);
    return { unbounded: max === Infinity || max > 64, repeats: max > 1, length: m[0].length };
  }
  return undefined;
}

function overlappingBranches(branches: readonly string[]): boolean {
  if (branches.length < 2) return false;
  const firsts = branches.map((b) => b.slice(0, b.startsWith("\\") ? 2 : 1));
  if (firsts.some((f) => f === "" || f === "[" || f === "." || f.startsWith("\\")))
    return firsts.some((f, i) => firsts.indexOf(f) !== i) || firsts.includes(".");
  return new Set(firsts).size < firsts.length;
}

function append(branches: string[], text: string): void {
  branches.push(`${branches.pop() ?? ""}${text}`);
}

/**
 * A config's allowlist regexes, checked before the scan: each either fits V8's linear-time
 * engine (where it then runs) or shows none of the risks above; otherwise a config error.
 */
export function checkAllowlistRegexes(regexes: readonly string[], where: string): void {
  regexes.forEach((source, index) => {
    if (linearRegexProblem(source) === undefined) return;
    const risk = findBacktrackingRisk(source);
    if (risk !== undefined) {
      throw new ConfigError(`${where}: allowlist.regexes[${index}]: expected a linear-time regex, found ${risk}`, {
        hint: "Remove the nesting or the repeated wildcards, or list the exact values under allowlist.values.",
      });
    }
  });
}
