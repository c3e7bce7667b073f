import type { z as Zod } from "zod";
import { CONFIDENCES, CREDENTIAL_KINDS, SEVERITIES, VALIDATORS } from "../model/rule.js";
import type { RuleSpec } from "../model/rule.js";
import { lazyRequire, lazyValue } from "../util/lazy-require.js";

const zod = lazyRequire<typeof import("zod")>("zod");

function buildRuleSchemas() {
  const { z } = zod();
  const example = z.union([z.string().min(1), z.object({ input: z.string().min(1), secret: z.string().min(1).optional() }).strict()]);

  // One rule as written in YAML; defaults are filled in here so inner code trusts the shape.
  const rule = z
    .object({
      id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)+$/, "expected a kebab-case id with a provider prefix, e.g. github-classic-pat"),
      name: z.string().min(1),
      provider: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected a lower-case provider slug, e.g. github"),
      kind: z.enum(CREDENTIAL_KINDS),
      pattern: z.string().min(1),
      flags: z
        .string()
        .regex(/^[imsu]*$/, "expected a subset of the regex flags i, m, s, u")
        .default(""),
      keywords: z.array(z.string().min(2, "expected keywords of at least 2 characters")).default([]),
      entropy: z.number().min(0).max(8).optional(),
      validator: z.enum(VALIDATORS).optional(),
      confidence: z.enum(CONFIDENCES).default("high"),
      severity: z.enum(SEVERITIES).default("high"),
      nonExpiring: z.boolean().default(false),
      references: z.array(z.url("expected an http(s) URL")).min(1, "expected at least one reference URL"),
      examples: z.array(example).min(2, "expected at least 2 examples that must match"),
      negativeExamples: z.array(z.string()).min(2, "expected at least 2 negative examples that must not match"),
    })
    .strict();
  // A rule file: a top-level `rules:` list.
  const file = z.object({ rules: z.array(z.unknown()).min(1, "expected at least one rule") }).strict();
  return { rule, file };
}

/** The rule and rule-file schemas, built on first use (the builtin rules come from a build-time cache). */
export const ruleSchemas = lazyValue(buildRuleSchemas);

/** Converts the parsed YAML shape into the model type. */
export function toRuleSpec(parsed: Zod.infer<ReturnType<typeof buildRuleSchemas>["rule"]>): RuleSpec {
  const { entropy, validator, examples, ...rest } = parsed;
  return {
    ...rest,
    ...(entropy === undefined ? {} : { entropy }),
    ...(validator === undefined ? {} : { validator }),
    examples: examples.map((e) => (typeof e === "string" ? { input: e } : e.secret === undefined ? { input: e.input } : { input: e.input, secret: e.secret })),
  };
}
