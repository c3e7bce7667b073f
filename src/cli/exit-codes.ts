/** Exit codes, as DESIGN.md fixes them. */
export const EXIT = {
  ok: 0,
  policyFailure: 1,
  usage: 2,
  runtime: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
