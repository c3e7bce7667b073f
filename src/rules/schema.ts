import { z } from "zod";
import { CONFIDENCES, CREDENTIAL_KINDS, SEVERITIES, VALIDATORS } from "../model/rule.js";
import type { RuleSpec } from "../model/rule.js";

const example = z.union([
  z.string().min(1),
  z.object({ input: z.string().min(1), secret: z.string().min(1).optional() }).strict(),
]);

/** One rule as written in YAML; defaults are filled in here so inner code trusts the shape. */
export const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)+$/, "expected a kebab-case id with a provider prefix, e.g. github-classic-pat"),
    name: z.string().min(1),
    provider: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected a lower-case provider slug, e.g. github"),
    kind: z.enum(CREDENTIAL_KINDS),
    pattern: z.string().min(1),
    flags: z.string().regex(/^[imsu]*$/, "expected a subset of the regex flags i, m, s, u").default(""),
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

/** A rule file: a top-level `rules:` list. */
export const ruleFileSchema = z.object({ rules: z.array(z.unknown()).min(1, "expected at least one rule") }).strict();

/** Converts the parsed YAML shape into the model type. */
export function toRuleSpec(parsed: z.infer<typeof ruleSchema>): RuleSpec {
  const { entropy, validator, examples, ...rest } = parsed;
  return {
    ...rest,
    ...(entropy === undefined ? {} : { entropy }),
    ...(validator === undefined ? {} : { validator }),
    examples: examples.map((e) =>
      typeof e === "string" ? { input: e } : e.secret === undefined ? { input: e.input } : { input: e.input, secret: e.secret },
    ),
  };
}
