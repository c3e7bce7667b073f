import { linearRegex } from "../util/linear-match.js";
import type { CodeownersEntry, CodeownersRules, CodeownersWarning } from "./codeowners-types.js";

// GitHub CODEOWNERS: gitignore-style patterns, the last matching line wins, a line without owners
// un-owns. GitHub ignores the whole file when any line is invalid; we keep the valid lines (the
// hints are still true of the file's intent) and report each invalid one as a warning.

/** `@user`, `@org/team` or an e-mail address. */
const OWNER = /^(?:@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9._-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$/;

interface GithubRule extends CodeownersEntry {
  readonly regex: RegExp;
}

/** Parses a GitHub CODEOWNERS file. */
export function parseGithubCodeowners(text: string): CodeownersRules {
  const rules: GithubRule[] = [];
  const warnings: CodeownersWarning[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    // Inline comments: a `#` at the start or after whitespace starts one.
    const content = raw.replace(/(?:^|\s)#.*$/, "").trim();
    if (content === "") return;
    const [pattern = "", ...tokens] = content.split(/\s+/);
    const problem = unsupported(pattern);
    if (problem !== undefined) {
      warnings.push({ line, message: `${problem} in \`${pattern}\`; GitHub rejects the line (and with it the file)` });
      return;
    }
    const owners = tokens.filter((t) => OWNER.test(t));
    for (const bad of tokens.filter((t) => !OWNER.test(t))) {
      warnings.push({ line, message: `\`${bad}\` is not an owner (expected @user, @org/team or an e-mail address)` });
    }
    let regex: RegExp;
    try {
      regex = githubPatternRegex(pattern);
    } catch {
      warnings.push({ line, message: `\`${pattern}\` is too complex to match in linear time; line ignored` });
      return;
    }
    rules.push({ pattern, owners, line, regex });
  });
  return {
    warnings,
    ownersOf(path) {
      for (let i = rules.length - 1; i >= 0; i--) {
        const rule = rules[i];
        if (rule?.regex.test(path)) {
          // An ownerless last match un-owns the path.
          return rule.owners.length === 0 ? [] : [{ pattern: rule.pattern, owners: rule.owners, line: rule.line }];
        }
      }
      return [];
    },
  };
}

/** Why GitHub would reject a pattern, if it would. */
function unsupported(pattern: string): string | undefined {
  if (pattern.startsWith("!")) return "`!` negation is not supported";
  if (/[[\]]/.test(pattern)) return "`[ ]` character ranges are not supported";
  if (pattern.includes("\\")) return "`\\` escapes are not supported";
  return undefined;
}

/**
 * A gitignore-style pattern as a regex over repository-relative paths (no leading slash):
 * a leading or inner `/` anchors at the root, otherwise the pattern matches at any depth;
 * a trailing `/` matches only below a directory; `*` and `?` stay within one segment; `**`
 * spans segments. A pattern that names a directory owns everything below it, except that a
 * last segment with a wildcard (`docs/*`) matches direct children only, as GitHub documents.
 */
export function githubPatternRegex(pattern: string): RegExp {
  const anchored = pattern.slice(0, -1).includes("/");
  const body = pattern.replace(/^\//, "");
  const directoryOnly = body.endsWith("/");
  const segments = (directoryOnly ? body.slice(0, -1) : body).split("/");
  if (!anchored && segments[0] !== "**") segments.unshift("**");
  let re = "";
  let needSeparator = false;
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === "**") {
      if (last) re += needSeparator ? "/.+" : ".+";
      else if (!needSeparator) re += "(?:.+/)?";
      else re += "(?:/.+)?";
      return;
    }
    re += (needSeparator ? "/" : "") + globSegment(segment);
    needSeparator = true;
  });
  const lastSegment = segments[segments.length - 1] ?? "";
  if (directoryOnly) re += "/.+";
  else if (lastSegment !== "**") re += /[*?]/.test(lastSegment) ? "" : "(?:/.+)?";
  // Linear time whatever the pattern: `*a*a*a*a*a*a*b` against a long name backtracked for minutes.
  return linearRegex(`^${re}$`);
}

/** One path segment: `*` is any run of non-separators, `?` one non-separator, the rest literal. */
function globSegment(segment: string): string {
  let out = "";
  for (const ch of segment) {
    if (ch === "*") out += "[^/]*";
    else if (ch === "?") out += "[^/]";
    else out += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return out;
}
