import type { z as Zod } from "zod";
import { CONFIDENCES } from "../model/rule.js";
import { lazyRequire, lazyValue } from "../util/lazy-require.js";
import { globMatcher } from "../util/linear-match.js";

const zod = lazyRequire<typeof import("zod")>("zod");

function compilesAsGlob(glob: string): boolean {
  try {
    globMatcher([glob]);
    return true;
  } catch {
    return false;
  }
}

function buildConfigSchema() {
  const { z } = zod();
  const globList = z.array(z.string().min(1, "expected a non-empty glob").refine(compilesAsGlob, "expected a glob (picomatch syntax)"));
  return z
    .object({
      version: z.literal(1, "expected 1").optional(),
      rules: z
        .object({
          paths: z.array(z.string().min(1)).default([]),
          disable: z.array(z.string().min(1)).default([]),
        })
        .strict()
        .default({ paths: [], disable: [] }),
      exclude: globList.default([]),
      allowlist: z
        .object({
          paths: globList.default([]),
          values: z.array(z.string().min(1)).default([]),
          regexes: z
            .array(
              z.string().refine((source) => {
                try {
                  new RegExp(source);
                  return true;
                } catch {
                  return false;
                }
              }, "expected a valid JavaScript regular expression"),
            )
            .default([]),
          stopwords: z.array(z.string().min(2)).default([]),
        })
        .strict()
        .default({ paths: [], values: [], regexes: [], stopwords: [] }),
      policy: z
        .object({
          maxAgeDays: z.number().int("expected a whole number of days").positive().default(90),
          activeAuthorDays: z.number().int("expected a whole number of days").positive().default(180),
          certWarnDays: z.number().int("expected a whole number of days").nonnegative().default(30),
          failOn: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
        })
        .strict()
        .default({ maxAgeDays: 90, activeAuthorDays: 180, certWarnDays: 30 }),
      owners: z.record(z.string().min(1), z.string().min(1, "expected an owner such as @org/team")).default({}),
      maxFileSize: z.number().int().positive("expected a size in bytes").optional(),
      minConfidence: z.enum(CONFIDENCES).optional(),
      baseline: z.string().min(1).optional(),
      /** Detector plugins (ES module files); loaded only from an operator's --config, never from a scanned repository. */
      plugins: z.array(z.string().min(1, "expected a plugin file path")).optional(),
    })
    .strict();
}

/** Shape of `.nhiscan.yml`; unknown keys are errors so typos do not pass silently. Built on first use. */
export const configSchema = lazyValue(buildConfigSchema);

export type ConfigFile = Zod.infer<ReturnType<typeof buildConfigSchema>>;

/** What an empty config file means: `configSchema().parse({})`, written out so that a scan without a config file does not load zod (a test keeps the two equal). */
export const CONFIG_DEFAULTS: ConfigFile = {
  rules: { paths: [], disable: [] },
  exclude: [],
  allowlist: { paths: [], values: [], regexes: [], stopwords: [] },
  policy: { maxAgeDays: 90, activeAuthorDays: 180, certWarnDays: 30 },
  owners: {},
};
