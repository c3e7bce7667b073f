import { linearRegex } from "../util/linear-match.js";
import type { CodeownersEntry, CodeownersRules, CodeownersWarning } from "./codeowners-types.js";

// GitLab CODEOWNERS: sections evaluated separately and unioned; within a section the last match
// wins and any matching `!path` exclusion drops the section for that path. Entries before the
// first section header form an unnamed section. Patterns follow GitLab's normalisation (a path
// without a leading `/` matches at any depth, a trailing `/` owns everything below) and Ruby
// `File.fnmatch` with FNM_PATHNAME | FNM_DOTMATCH, against the path with a leading `/`.

/** `[Name]`, `^[Name]` (optional), `[Name][2]` (approvals), each optionally with default owners. */
const SECTION = /^(\^)?\[(.*?)\](?:\[(\d*)\])?\s*(.*)$/;
/** `@user`, `@group/sub`, `@@role` or an e-mail address. */
const OWNER = /^(?:@@?[\w.-]+(?:\/[\w.-]+)*|[^@\s]+@[^@\s]+\.[^@\s]+)$/;

interface GitlabRule extends CodeownersEntry {
  readonly regex: RegExp;
}

interface Section {
  readonly name: string;
  readonly rules: GitlabRule[];
  /** Index of each normalised pattern in `rules`: a repeated pattern replaces the entry in place, as GitLab's hash does. */
  readonly positions: Map<string, number>;
  readonly exclusions: RegExp[];
}

/** Parses a GitLab CODEOWNERS file. */
export function parseGitlabCodeowners(text: string): CodeownersRules {
  const warnings: CodeownersWarning[] = [];
  // Section names are case-insensitive; a repeated section continues the first one.
  const sections = new Map<string, Section>([["", newSection("")]]);
  let current = sections.get("") as Section;
  let defaults: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (content === "" || content.startsWith("#")) return;
    if (content.startsWith("[") || content.startsWith("^[")) {
      const header = SECTION.exec(content);
      if (header === null || (header[2] ?? "").trim() === "") {
        warnings.push({ line, message: `malformed section header \`${content}\`` });
        return;
      }
      const name = (header[2] ?? "").trim();
      const key = name.toLowerCase();
      current = sections.get(key) ?? newSection(name);
      sections.set(key, current);
      defaults = ownerTokens(header[4] ?? "", line, warnings);
      return;
    }
    const match = /^((?:\\.|\S)+)\s*(.*)$/.exec(content);
    const written = match?.[1] ?? content;
    const owners = ownerTokens(match?.[2] ?? "", line, warnings);
    const regex = compiled(written.startsWith("!") ? written.slice(1) : written, line, warnings);
    if (regex === undefined) return;
    if (written.startsWith("!")) {
      current.exclusions.push(regex);
      return;
    }
    const rule = { pattern: written, owners: owners.length > 0 ? owners : defaults, line, ...(current.name === "" ? {} : { section: current.name }), regex };
    const at = current.positions.get(regex.source) ?? current.rules.length;
    current.positions.set(regex.source, at);
    current.rules[at] = rule;
  });
  return { warnings, ownersOf: (path) => ownersIn([...sections.values()], path) };
}

function compiled(pattern: string, line: number, warnings: CodeownersWarning[]): RegExp | undefined {
  try {
    return gitlabPatternRegex(pattern);
  } catch {
    warnings.push({ line, message: `\`${pattern}\` is too complex to match in linear time; line ignored` });
    return undefined;
  }
}

function newSection(name: string): Section {
  return { name, rules: [], positions: new Map(), exclusions: [] };
}

function ownersIn(sections: readonly Section[], path: string): CodeownersEntry[] {
  const rooted = `/${path}`;
  const out: CodeownersEntry[] = [];
  for (const section of sections) {
    if (section.exclusions.some((re) => re.test(rooted))) continue;
    const rule = section.rules.findLast((r) => r.regex.test(rooted));
    if (rule === undefined || rule.owners.length === 0) continue;
    const { regex: _regex, ...entry } = rule;
    out.push(entry);
  }
  return out;
}

function ownerTokens(text: string, line: number, warnings: CodeownersWarning[]): string[] {
  const tokens = text.split(/\s+/).filter((t) => t !== "");
  const bad = tokens.filter((t) => !OWNER.test(t));
  if (bad.length > 0) warnings.push({ line, message: `not owners, ignored: ${bad.map((t) => `\`${t}\``).join(" ")} (GitLab has no inline comments)` });
  return tokens.filter((t) => OWNER.test(t));
}

/** GitLab's pattern normalisation, then fnmatch as a linear-time regex over `/`-prefixed paths (throws when too complex). */
export function gitlabPatternRegex(written: string): RegExp {
  let pattern = written.replace(/^\\#/, "#").replace(/\\(\s)/g, "$1");
  if (pattern === "*") pattern = "/**/*";
  if (!pattern.startsWith("/")) pattern = `/**/${pattern}`;
  if (pattern.endsWith("/")) pattern = `${pattern}**/*`;
  return linearRegex(`^${fnmatchSource(pattern)}$`);
}

/** Ruby `File.fnmatch` with FNM_PATHNAME | FNM_DOTMATCH: `**\/` spans directories, `*` and `?` do not cross `/`. */
function fnmatchSource(pattern: string): string {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? "";
    if (ch === "*" && pattern.startsWith("**/", i) && (i === 0 || pattern[i - 1] === "/")) {
      re += "(?:[^/]+/)*";
      i += 2;
    } else if (ch === "*") {
      re += "[^/]*";
      while (pattern[i + 1] === "*") i++;
    } else if (ch === "?") re += "[^/]";
    else if (ch === "[") {
      const bracket = bracketSource(pattern, i);
      if (bracket === undefined) re += "\\[";
      else {
        re += bracket.source;
        i = bracket.end;
      }
    } else if (ch === "\\" && i + 1 < pattern.length) {
      re += escapeChar(pattern[i + 1] ?? "");
      i++;
    } else re += escapeChar(ch);
  }
  return re;
}

/** A `[...]` class starting at `start`, or undefined when it is not closed. */
function bracketSource(pattern: string, start: number): { source: string; end: number } | undefined {
  let i = start + 1;
  const negated = pattern[i] === "!" || pattern[i] === "^";
  if (negated) i++;
  let body = "";
  for (let first = true; i < pattern.length; i++, first = false) {
    const ch = pattern[i] ?? "";
    // A class naming `/` itself is taken as written: the linear engine has no look-ahead to exclude it.
    if (ch === "]" && !first) return { source: negated ? `[^/${body}]` : `[${body}]`, end: i };
    if (ch === "\\" && i + 1 < pattern.length) {
      body += escapeChar(pattern[i + 1] ?? "");
      i++;
    } else body += ch === "-" ? "-" : escapeChar(ch);
  }
  return undefined;
}

function escapeChar(ch: string): string {
  return /[.*+?^${}()|[\]\\/-]/.test(ch) ? `\\${ch}` : ch;
}
