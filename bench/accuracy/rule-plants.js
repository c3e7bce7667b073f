// Plants for the provider-rule families: each rule's first example is the template. Its secret is
// mutated (same character classes, checksums recomputed) until the rule still captures the new
// value and the placeholder filter does not reject it; then the value goes into the corpus both
// verbatim in the example's own text and as a named value in another syntax.
import { crc32 } from "node:zlib";
import { base62Checksum } from "../../dist/rules/validators.js";
import path from "node:path";
import { matchRule } from "../../dist/rules/match.js";
import { placeholderReason } from "../../dist/scan/placeholder.js";
import { pathFor, syntaxOfSnippet, VALUE_SYNTAXES, valueLine } from "./carriers.js";
import { pickOne } from "./corpus.js";

const _BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ALPHABETS = [
  ["hex-lower", /^[0-9a-f]+$/, "0123456789abcdef"],
  ["hex-upper", /^[0-9A-F]+$/, "0123456789ABCDEF"],
  ["base32", /^[A-Z2-7]+$/, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"],
];

/** Positions that must not change: PEM markers and headers, and the two hex digits of a `%XX` escape. */
function frozenMask(secret) {
  const frozen = new Array(secret.length).fill(false);
  let at = 0;
  for (const line of secret.split("\n")) {
    const body = /^\s*[A-Za-z0-9+/=]+\s*$/.test(line) && !/^\s*[A-Za-z]+$/.test(line);
    if (secret.includes("\n") && !body) for (let i = at; i < at + line.length; i++) frozen[i] = true;
    at += line.length + 1;
  }
  for (let i = 0; i < secret.length; i++) if (secret[i] === "%") frozen[i + 1] = frozen[i + 2] = true;
  return frozen;
}

/** Replaces characters of `secret[lo..hi)` by others of the same class (digit, lower, upper, or the region's alphabet). */
function mutateRegion(secret, lo, hi, p, rand) {
  const region = secret.slice(lo, hi).replace(/[^A-Za-z0-9]/g, "");
  const special = ALPHABETS.find(([, re]) => re.test(region) && region.length >= 8)?.[2];
  const chars = [...secret];
  const frozen = frozenMask(secret);
  for (let i = lo; i < hi; i++) {
    if (frozen[i] || rand() > p) continue;
    const c = chars[i];
    let alphabet;
    if (special?.includes(c)) alphabet = special;
    else if (/[0-9]/.test(c)) alphabet = "0123456789";
    else if (/[a-z]/.test(c)) alphabet = "abcdefghijklmnopqrstuvwxyz";
    else if (/[A-Z]/.test(c)) alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    if (alphabet !== undefined) chars[i] = alphabet[Math.floor(rand() * alphabet.length)];
  }
  return chars.join("");
}

/** Recomputes the CRC32 tail of GitHub and npm tokens so that the rule's validator accepts them. */
function fixChecksum(secret, rule) {
  const validator = rule.spec.validator;
  if (validator !== "github-crc32" && validator !== "npm-crc32") return secret;
  const at = validator === "npm-crc32" ? 4 : secret.indexOf("_") + 1;
  const body = secret.slice(at);
  if (body.length !== 36) return secret;
  return `${secret.slice(0, at)}${body.slice(0, 30)}${base62Checksum(crc32(body.slice(0, 30)))}`;
}

/** The first example of a rule as { input, secret }. */
export function templateOf(rule) {
  for (const example of rule.spec.examples) {
    const secret = example.secret ?? matchRule(rule, example.input)[0]?.secret;
    if (secret) return { input: example.input, secret };
  }
  return undefined;
}

/** A new value of the rule's format, and the example text carrying it, or undefined if no mutation holds. */
export function mutateExample(rule, template, rand) {
  const { input, secret } = template;
  const tail = rule.spec.validator?.endsWith("crc32") ? 6 : 0;
  // Mutate the second half first; formats with a fixed tail (a signature, a checksum) need the first.
  const regions = [
    [0.5, 1, 0.8],
    [0.6, 1, 0.6],
    [0.75, 1, 0.5],
    [0.85, 1, 0.5],
    [0.92, 1, 1],
    [0.15, 0.5, 0.5],
    [0.3, 0.6, 0.3],
    [0.2, 0.4, 0.3],
  ];
  for (const [from, to, p] of regions) {
    for (let attempt = 0; attempt < 6; attempt++) {
      const lo = Math.floor(secret.length * from);
      const hi = Math.min(secret.length - tail, Math.ceil(secret.length * to));
      const fresh = fixChecksum(mutateRegion(secret, lo, hi, p, rand), rule);
      if (fresh === secret) continue;
      const text = input.split(secret).join(fresh);
      const ok = matchRule(rule, text).some((m) => m.secret === fresh);
      if (ok && placeholderReason({ secret: fresh, kind: rule.spec.kind }) === undefined) return { secret: fresh, input: text };
    }
  }
  return undefined;
}

/** An environment-variable name for a rule's credential: provider plus kind. */
function nameFor(rule) {
  const provider = rule.spec.provider.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  const kind = { "api-key": "API_KEY", token: "TOKEN", password: "PASSWORD", webhook: "WEBHOOK_URL", "connection-string": "CONNECTION_STRING" }[rule.spec.kind];
  return `${provider}_${kind ?? "SECRET"}`.replace(/^(\d)/, "X$1");
}

/**
 * The value as someone would paste it on its own: the whole token around the secret (a webhook
 * URL, a connection string), without a leading `NAME=` or `key:` of the example's own text.
 */
function naturalValue(input, secret) {
  const at = input.indexOf(secret);
  const stop = /[\s"'`(){}[\],<>]/;
  let lo = at;
  let hi = at + secret.length;
  while (lo > 0 && !stop.test(input[lo - 1])) lo--;
  while (hi < input.length && !stop.test(input[hi])) hi++;
  let token = input.slice(lo, hi).replace(/[;.]$/, "");
  const label = /^[A-Za-z_][\w.-]*[=:]/.exec(token);
  if (label !== null && lo + label[0].length === at) token = token.slice(label[0].length);
  return token;
}

/** Plants two values of every rule: one in its example's own text, one as a named value elsewhere. */
export function plantRuleFamilies(corpus, rules, rand) {
  const skipped = [];
  for (const rule of rules) {
    const template = templateOf(rule);
    const family = path.basename(rule.source, ".yaml");
    const verbatim = template && mutateExample(rule, template, rand);
    if (verbatim === undefined) {
      skipped.push(rule.spec.id);
      continue;
    }
    const truth = { family, rule: rule.spec.id, secret: verbatim.secret, kind: rule.spec.kind };
    const syntax = syntaxOfSnippet(verbatim.input);
    const lines = syntax === "md" ? ["```", ...verbatim.input.split("\n"), "```"] : verbatim.input.split("\n");
    corpus.add(pathFor(syntax, rand), lines, truth);
    const second = mutateExample(rule, template, rand);
    if (second === undefined || second.secret.includes("\n")) continue;
    const carrier = pickOne(rand, VALUE_SYNTAXES);
    const value = naturalValue(second.input, second.secret);
    corpus.add(pathFor(carrier, rand), valueLine(carrier, nameFor(rule), value, rand), { ...truth, secret: second.secret });
  }
  return skipped;
}
