import type { z } from "zod";

/** Formats zod issues as "key.path: expected …" lines, one per issue. */
export function formatZodIssues(error: z.ZodError, prefix: readonly (string | number)[] = []): string[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
    const key = path.length === 0 ? "(top level)" : formatPath(path);
    return `${key}: ${issue.message}`;
  });
}

function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const part of path) {
    out += typeof part === "number" ? `[${part}]` : out === "" ? part : `.${part}`;
  }
  return out;
}
