import type { Candidate } from "../model/finding.js";
import type { Fragment } from "../model/fragment.js";
import type { LineIndex } from "../util/text.js";
import { isCommentLine } from "../detectors/comment-line.js";
import { classifyPath, isSamplePath } from "../paths/classify.js";

const INTEGRITY = /^(?:sha(?:1|224|256|384|512)-[A-Za-z0-9+/]{20,}={0,2}|h1:[A-Za-z0-9+/]{20,}={0,2}|zh:[0-9a-f]{64})$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const HASH_LENGTHS = new Set([32, 40, 56, 64, 96, 128]);
const GIT_CONTEXT = /\b(?:commit|sha1?|rev|revision|gitHead|parent|tree|ref|head|base|merge)\b|\/commit\/|\/tree\/|\/blob\/|@[0-9a-f]{40}\b/i;
const HASH_CONTEXT = /checksum|sha-?\d*|md5|hash|digest|integrity|etag|fingerprint|signature|crc|blake/i;
const DIGEST_PREFIX = /(?:sha\d{1,3}|md5|blake2b?|sha3-\d{3}):$/i;
const SECRET_WORD = /token|secret|passw|api[-_]?key|auth|credential/i;
/**
 * Names under which a UUID is a one-off value (request, session, CSRF, trace…) unless the name
 * says key or secret (`sessionToken` is one-off, `sessionKey` may sign); and names under which it
 * identifies something (tenant, client, user…) unless the name says it is any kind of credential
 * (`HEROKU_USER_TOKEN`, `clientSecret`): elsewhere a UUID can be a real key (Heroku, Scaleway and
 * Codecov use UUIDs).
 */
const ONE_OFF_NAME = /session|csrf|xsrf|request|correlation|trace|idempot|nonce|state|cursor|page/i;
const ID_NAME = /device|install|tenant|client|user|account|org|project|(?:^|[_-])id$|Id$/i;
const KEY_NAME = /secret|passw|pwd|key|private/i;
const CREDENTIAL_NAME = /secret|passw|pwd|key|private|token|auth|credential/i;
const SCRIPT_OR_STYLE = /\.(?:[cm]?js|css|map)$/;
const LONG_LINE = 1000;

function isIdName(name: string): boolean {
  if (ONE_OFF_NAME.test(name)) return !KEY_NAME.test(name);
  return ID_NAME.test(name) && !CREDENTIAL_NAME.test(name);
}

/** A candidate found by a generic detector (no provider format), which the guards treat with more suspicion. */
function isGeneric(candidate: Candidate): boolean {
  return candidate.provider === "generic";
}

/** A provider-format match that a validator or a unique prefix made certain. */
function isCertain(candidate: Candidate): boolean {
  return candidate.confidence === "high" && !isGeneric(candidate);
}

function lineAround(fragment: Fragment, lines: LineIndex, candidate: Candidate): string {
  const { start, end } = lines.lineBounds(fragment.text, lines.locate(candidate.start).line);
  return fragment.text.slice(start, end);
}

function hashGuard(candidate: Candidate, fragment: Fragment, line: () => string): string | undefined {
  const value = candidate.secret;
  if (INTEGRITY.test(value)) return "integrity-hash";
  if (isGeneric(candidate) && UUID.test(value) && isIdName(candidate.parts?.["key"] ?? candidate.parts?.["name"] ?? "")) return "uuid";
  if (!/^[0-9a-fA-F]+$/.test(value) || !HASH_LENGTHS.has(value.length) || isCertain(candidate)) return undefined;
  if (DIGEST_PREFIX.test(fragment.text.slice(Math.max(0, candidate.start - 10), candidate.start))) return "content-hash";
  const context = line();
  if ((value.length === 40 || value.length === 64) && GIT_CONTEXT.test(context) && !SECRET_WORD.test(context)) return "git-sha";
  if (HASH_CONTEXT.test(context) && !SECRET_WORD.test(context.replace(HASH_CONTEXT, ""))) return "content-hash";
  return undefined;
}

function pathGuard(candidate: Candidate, fragment: Fragment, line: () => string): string | undefined {
  const path = fragment.path;
  const where = classifyPath(path);
  if (where.generated === "lockfile" && !isCertain(candidate)) return "lockfile";
  if (!isCertain(candidate) && (where.generated === "minified" || (SCRIPT_OR_STYLE.test(path) && line().length > LONG_LINE))) return "minified";
  // A low-confidence value (a weak password, a URL on a documentation host) in any file of a test
  // tree or an example file, or in a comment, is a sample.
  if (candidate.confidence === "low" && (isSamplePath(path) || isCommentLine(line()))) return "documentation-or-test";
  if (!isGeneric(candidate)) return undefined;
  if (where.translations) return "i18n";
  if (candidate.confidence !== "high" && where.testOrDoc) return "documentation-or-test";
  return undefined;
}

/**
 * Why a candidate is a known kind of false positive in its context (lockfile integrity hashes,
 * git SHAs, UUIDs, content hashes, minified bundles, i18n strings, documentation and test
 * values), or undefined. References to managed secrets are never dropped here.
 */
export function falsePositiveReason(candidate: Candidate, fragment: Fragment, lines: LineIndex): string | undefined {
  if (candidate.kind === "managed-reference") return undefined;
  let cached: string | undefined;
  const line = () => (cached ??= lineAround(fragment, lines, candidate));
  return hashGuard(candidate, fragment, line) ?? pathGuard(candidate, fragment, line);
}
