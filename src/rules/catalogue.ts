import { RuleError } from "../model/errors.js";
import type { RuleExample, RuleSpec } from "../model/rule.js";
import { escapeRegex } from "../util/text.js";
import { ALPHABETS, COMMON_KEYWORDS } from "./catalogue-schema.js";
import type { CatalogueEntry } from "./catalogue-schema.js";

/** A prefix this long is distinctive enough to be the rule's only keyword (`lin_api_`, `ATATT3`). */
export const EXACT_PREFIX_MIN = 4;
/** Words a prefix made only of is shared by many providers (`live_`, `sk_live_`, `pk_prod_`, `private_`). */
const GENERIC_PREFIX_WORDS: ReadonlySet<string> = new Set([
  "live",
  "test",
  "prod",
  "production",
  "sandbox",
  "api",
  "key",
  "sk",
  "pk",
  "rk",
  "app",
  "org",
  "dev",
  "demo",
  "manage",
  "standard",
  "secret",
  "private",
  "public",
  "token",
  "user",
  "access",
]);
/**
 * Keyword to separator: `ACME_API_KEY=`, `"acmeApiKey": "`, `acme.auth.key = '`, and a URL from
 * the host to its key parameter, which escaping lengthens (`&amp;` in XML, `%26` in a URL).
 */
const KEYWORD_REACH = 60;
/** Below this many bits a value of the shape is guessable, or a shape that common values share. */
const MIN_VALUE_BITS = 64;
/** What stands right before a value: assignment, quotes, whitespace, `(`, `,`, `[`, `>` (`=>`, XML). */
const SEPARATOR = "[\\t \"'(,:=>\\[`]";

/**
 * Compiles one validated catalogue entry into an ordinary rule spec. A distinctive prefix (at
 * least 4 characters) makes an exact rule whose keyword is the prefix; otherwise a proximity rule:
 * a keyword, then on the same line within 60 characters a separator, then the value of exactly
 * the shape with nothing of its alphabet on either side. Keywords match any case, the value its
 * exact case. `[^\r\n]`, never `\s`: the rule stays line-local, so it runs on keyword windows.
 */
export function compileCatalogueEntry(entry: CatalogueEntry, label: string): RuleSpec {
  const fail = (key: string, expectation: string): never => {
    throw new RuleError(`${label}: ${key}: ${expectation}`);
  };
  const { prefix } = entry.shape;
  const match = entry.match ?? (prefix.length >= EXACT_PREFIX_MIN ? "exact" : "proximity");
  if (match === "exact" && prefix.length < EXACT_PREFIX_MIN)
    fail("match", `expected a shape.prefix of at least ${EXACT_PREFIX_MIN} characters for an exact rule`);
  if (match === "exact" && isGenericPrefix(prefix)) {
    fail(
      "shape.prefix",
      `expected a provider-specific prefix for an exact rule, \`${prefix}\` is shared by many providers (add match: proximity and keywords)`,
    );
  }
  if (match === "proximity" && entry.keywords.length === 0) fail("keywords", "expected at least one keyword for a proximity rule (no distinctive prefix)");
  if (entry.id !== undefined && !entry.id.startsWith(`${entry.provider}-`)) fail("id", `expected an id starting with the provider, \`${entry.provider}-\``);
  const bits = valueBits(entry.shape);
  if (bits < MIN_VALUE_BITS) fail("shape", `expected a value of at least ${MIN_VALUE_BITS} bits (alphabet x length), this shape holds ${Math.floor(bits)}`);

  const value = valuePattern(entry.shape);
  const after = boundaryAfter(entry.shape);
  const pattern =
    match === "exact"
      ? `${boundaryBefore()}(${value})${after}`
      : `(?:${entry.keywords.map(anyCase).join("|")})[^\\r\\n]{0,${KEYWORD_REACH}}?${SEPARATOR}(${value})${after}`;
  const standalone = new RegExp(`${boundaryBefore()}${value}${after}`, "g");
  const examples = entry.examples.map((example, i): RuleExample => {
    if (typeof example !== "string") return example;
    const values = example.match(standalone) ?? [];
    if (values.length !== 1) {
      fail(`examples[${i}]`, `expected exactly one value of the shape in the example, found ${values.length} (give { input, secret } to name it)`);
    }
    return { input: example, secret: values[0] ?? "" };
  });
  return {
    id: entry.id ?? `${entry.provider}-${entry.kind}`,
    name: entry.name,
    provider: entry.provider,
    kind: entry.kind,
    pattern,
    flags: "",
    keywords: match === "exact" ? [prefix.toLowerCase()] : entry.keywords,
    confidence: match === "exact" ? "high" : "medium",
    severity: entry.severity,
    nonExpiring: entry.nonExpiring,
    references: [entry.docs],
    examples,
    negativeExamples: entry.counterExamples,
    catalogue: true,
  };
}

type Shape = CatalogueEntry["shape"];

function isGenericPrefix(prefix: string): boolean {
  const words = prefix
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
  return words.every((w) => GENERIC_PREFIX_WORDS.has(w) || COMMON_KEYWORDS.has(w));
}

function alphabetClass(shape: Shape): string {
  return shape.class ?? ALPHABETS[shape.alphabet ?? "alnum"];
}

/** The value as a regex: literal prefix, then the alphabet for the length (uuid: its 8-4-4-4-12 form; base64: optional padding). */
function valuePattern(shape: Shape): string {
  const cls = alphabetClass(shape);
  const prefix = escapeRegex(shape.prefix);
  if (shape.alphabet === "uuid") return `${prefix}${[8, 4, 4, 4, 12].map((n) => `${cls}{${n}}`).join("-")}`;
  const length = Array.isArray(shape.length) ? `{${shape.length[0]},${shape.length[1]}}` : `{${shape.length ?? 1}}`;
  return `${prefix}${cls}${length}${shape.alphabet === "base64" ? "={0,2}" : ""}`;
}

/** Nothing that could continue the value: a letter, a digit, or a character of its alphabet. */
function boundaryAfter(shape: Shape): string {
  const extra = shape.alphabet === "base64" ? "(?![A-Za-z0-9+/=])" : `(?!${alphabetClass(shape)})`;
  return `(?![A-Za-z0-9])${extra}`;
}

/** Nothing that could be part of a longer token before it; `=` and `:` stay free, as they separate. */
function boundaryBefore(): string {
  return "(?<![A-Za-z0-9_+/.-])";
}

/** A keyword matching any letter case: `[aA][cC][mM][eE]_`. */
function anyCase(keyword: string): string {
  return [...keyword].map((c) => (/[a-z]/.test(c) ? `[${c}${c.toUpperCase()}]` : escapeRegex(c))).join("");
}

/** Bits of a value of the shape at its shortest: log2(alphabet size) x length. */
function valueBits(shape: Shape): number {
  if (shape.alphabet === "uuid") return 122;
  const size = classSize(alphabetClass(shape));
  const length = Array.isArray(shape.length) ? shape.length[0] : (shape.length ?? 0);
  return Math.log2(Math.max(size, 1)) * length;
}

/** Distinct characters of a simple character class such as `[A-Za-z0-9_-]`. */
export function classSize(cls: string): number {
  const chars: string[] = [];
  const inner = cls.slice(1, -1);
  for (let i = 0; i < inner.length; i++) chars.push(inner[i] === "\\" ? (inner[++i] ?? "") : (inner[i] ?? ""));
  let size = 0;
  for (let i = 0; i < chars.length; i++) {
    const from = chars[i] ?? "";
    const to = chars[i + 2];
    if (chars[i + 1] === "-" && to !== undefined && i + 2 < chars.length) {
      size += Math.max(to.charCodeAt(0) - from.charCodeAt(0) + 1, 1);
      i += 2;
    } else size++;
  }
  return size;
}
