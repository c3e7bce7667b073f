import type { SecretReference } from "./reference.js";
import { enclosingKey, matchesOf } from "./reference.js";

const EXPRESSION = /\$\{\{([^}]{1,500})\}\}/dg;
const SECRET_IN_EXPRESSION = /\bsecrets\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*['"]([A-Za-z_][\w-]*)['"]\s*\])/g;
const INHERIT = /^\s*secrets:\s*(inherit)\s*(?:#.*)?$/dgm;
const JOBS = /^jobs:\s*(?:#.*)?$/m;

/** The job id enclosing an offset: a key one level under the top-level `jobs:`. */
function jobOf(text: string, offset: number): string | undefined {
  const jobs = JOBS.exec(text);
  if (jobs === null || jobs.index > offset) return undefined;
  const firstChild = /^( +)[\w-]+:/m.exec(text.slice(jobs.index + jobs[0].length));
  return firstChild === null ? undefined : enclosingKey(text, offset, firstChild[1]?.length ?? 2, jobs.index);
}

/** `${{ secrets.NAME }}` (and `secrets['NAME']`) in expressions, and `secrets: inherit`. */
export function githubActionsReferences(text: string, path: string): SecretReference[] {
  const out: SecretReference[] = [];
  const context = (offset: number) => {
    const job = jobOf(text, offset);
    return job === undefined ? { workflow: path } : { workflow: path, job };
  };
  for (const expression of matchesOf(EXPRESSION, text)) {
    SECRET_IN_EXPRESSION.lastIndex = 0;
    for (const m of expression.value.matchAll(SECRET_IN_EXPRESSION)) {
      const name = m[1] ?? m[2] ?? "";
      const start = expression.start + (m.index ?? 0);
      out.push({ system: "github-actions", id: `github-actions:secrets.${name}`, start, end: start + m[0].length, parts: { name, ...context(start) } });
    }
  }
  for (const inherit of matchesOf(INHERIT, text)) {
    const parts = { name: "*", ...context(inherit.start) };
    out.push({ system: "github-actions", id: "github-actions:secrets.*", start: inherit.start, end: inherit.end, parts });
  }
  return out;
}
