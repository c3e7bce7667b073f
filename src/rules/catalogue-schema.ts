import type { z as Zod } from "zod";
import { lazyRequire, lazyValue } from "../util/lazy-require.js";

const zod = lazyRequire<typeof import("zod")>("zod");

/** Named value alphabets of the catalogue, as regex character classes. */
export const ALPHABETS = {
  hex: "[0-9a-f]",
  "hex-upper": "[0-9A-F]",
  alnum: "[A-Za-z0-9]",
  "alnum-upper": "[A-Z0-9]",
  "alnum-lower": "[a-z0-9]",
  base64: "[A-Za-z0-9+/]",
  base64url: "[A-Za-z0-9_-]",
  digits: "[0-9]",
  uuid: "[0-9a-fA-F]",
} as const;
export type AlphabetName = keyof typeof ALPHABETS;

/** Kinds a catalogue entry may declare (the provider-credential subset of CredentialKind). */
export const CATALOGUE_KINDS = ["api-key", "token", "password", "webhook", "connection-string"] as const;

/**
 * Words that name a credential or a thing in general, not a provider: as a proximity keyword
 * they would wake the rule on most config files of the world (`TOKEN=…`, `client_secret: …`).
 */
export const COMMON_KEYWORDS: ReadonlySet<string> = new Set([
  "token",
  "tokens",
  "secret",
  "secrets",
  "client",
  "client_id",
  "clientid",
  "client_secret",
  "clientsecret",
  "api_key",
  "apikey",
  "api-key",
  "api_token",
  "apitoken",
  "api_secret",
  "apisecret",
  "access",
  "access_key",
  "accesskey",
  "access_token",
  "accesstoken",
  "secret_key",
  "secretkey",
  "private",
  "private_key",
  "privatekey",
  "public",
  "public_key",
  "publickey",
  "password",
  "passwd",
  "pass",
  "auth",
  "auth_token",
  "authtoken",
  "authorization",
  "bearer",
  "credential",
  "credentials",
  "cloud",
  "data",
  "account",
  "user",
  "username",
  "login",
  "service",
  "server",
  "config",
  "settings",
  "application",
  "http",
  "https",
  "webhook",
  "hook",
  "mail",
  "email",
  "send",
  "test",
  "prod",
  "live",
  "base",
  "home",
  "main",
  "open",
  "code",
  "host",
  "port",
  "admin",
  "root",
  "default",
  "value",
  "string",
  "file",
  "path",
  "name",
  "team",
  "space",
  "link",
  "site",
  "page",
  "form",
  "post",
  "chat",
  "push",
  "sync",
  "flow",
  "stream",
  "store",
  "shop",
  "cart",
  "payment",
  "payments",
  "search",
  "maps",
  "weather",
  "news",
  "image",
  "images",
  "video",
  "audio",
  "music",
  "media",
  "storage",
  "bucket",
  "queue",
  "cache",
  "proxy",
  "signal",
  "notify",
  "message",
  "messages",
  "analytics",
  "monitor",
  "metrics",
  "logs",
  "logging",
  "track",
  "tracking",
  "event",
  "events",
  "session",
  "cookie",
  "identity",
  "connect",
  "connection",
  "database",
  "front",
  "close",
  "box",
  "note",
  "notes",
  "task",
  "tasks",
  "ticket",
  "tickets",
  "sheet",
  "sheets",
  "drive",
  "docs",
  "calendar",
  "contact",
  "contacts",
  "lead",
  "leads",
  "deal",
  "deals",
  "order",
  "orders",
  "invoice",
  "invoices",
  "mobile",
  "phone",
  "voice",
  "text",
  "window",
  "world",
  "global",
  "local",
  "remote",
  "edge",
  "node",
  "cluster",
  "index",
  "model",
  "models",
  "engine",
]);

function buildCatalogueSchemas() {
  const { z } = zod();
  const keyword = z
    .string()
    .min(4, "expected a keyword of at least 4 characters (short keywords wake the rule everywhere)")
    .regex(/^[a-z0-9][a-z0-9_.-]*$/, "expected a lower-case literal of letters, digits, `_`, `-` or `.`")
    .refine(
      (k) => !COMMON_KEYWORDS.has(k),
      "expected a provider-specific keyword, not a common word (use a compound such as `frontapp` or `box_client_secret`)",
    );
  const example = z.union([z.string().min(1), z.object({ input: z.string().min(1), secret: z.string().min(1) }).strict()]);
  const length = z.union([
    z.number().int().min(1).max(512),
    z.tuple([z.number().int().min(1), z.number().int().max(512)]).refine(([min, max]) => min < max, "expected [min, max] with min < max"),
  ]);
  const shape = z
    .object({
      prefix: z.string().default(""),
      alphabet: z.enum(Object.keys(ALPHABETS) as [AlphabetName, ...AlphabetName[]]).optional(),
      class: z
        .string()
        .regex(/^\[(?!\^)(?:[^\]\\\n]|\\[-\\\]^])+\]$/, "expected one non-negated regex character class such as '[A-Za-z0-9_-]'")
        .optional(),
      length: length.optional(),
    })
    .strict()
    .refine((s) => (s.alphabet === undefined) !== (s.class === undefined), "expected exactly one of `alphabet` or `class`")
    .refine((s) => s.alphabet === "uuid" || s.length !== undefined, "expected a `length` (or alphabet: uuid)");
  const entry = z
    .object({
      provider: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected a kebab-case provider id, e.g. abstract-api"),
      id: z
        .string()
        .regex(/^[a-z0-9]+(-[a-z0-9]+)+$/, "expected a kebab-case rule id")
        .optional(),
      name: z.string().min(1),
      kind: z.enum(CATALOGUE_KINDS),
      keywords: z.array(keyword).default([]),
      shape,
      match: z.enum(["exact", "proximity"]).optional(),
      severity: z.enum(["low", "medium", "high", "critical"]).default("medium"),
      nonExpiring: z.boolean().default(false),
      docs: z.url("expected the provider's documentation URL"),
      examples: z.array(example).min(1, "expected at least one example that must be found"),
      counterExamples: z.array(z.string().min(1)).min(1, "expected at least one counter-example that must stay silent"),
    })
    .strict();
  const file = z.object({ providers: z.array(z.unknown()).min(1, "expected at least one provider entry") }).strict();
  return { entry, file };
}

/** The catalogue entry and file schemas, built on first use. */
export const catalogueSchemas = lazyValue(buildCatalogueSchemas);

/** One validated catalogue entry. */
export type CatalogueEntry = Zod.infer<ReturnType<typeof buildCatalogueSchemas>["entry"]>;
