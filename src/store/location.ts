import type { StoreLocation } from "../model/store.js";

const POSTGRES_SCHEME = /^postgres(?:ql)?:\/\//i;

/** Whether a `--store` value names a PostgreSQL database rather than an SQLite file. */
export function isPostgresUrl(value: string): boolean {
  return POSTGRES_SCHEME.test(value);
}

/**
 * The store a `--store` value (or NHISCAN_STORE) names: `postgres://` or `postgresql://` is a
 * PostgreSQL database, anything else an SQLite file (resolved by `resolveFile`).
 */
export function storeLocation(value: string, resolveFile: (file: string) => string): StoreLocation {
  if (isPostgresUrl(value)) return { kind: "postgres", url: value, label: redactUrl(value) };
  return { kind: "sqlite", file: resolveFile(value) };
}

/** What messages name a store by. */
export function storeLabel(location: StoreLocation): string {
  return location.kind === "sqlite" ? location.file : location.label;
}

/**
 * The connection string with its password (in the user-info or a `password=` parameter) replaced
 * by `***`. Works on the text, not only on valid URLs, so a malformed string is redacted too.
 */
export function redactUrl(url: string): string {
  const info = userInfoOf(url);
  const head = info?.password === undefined ? url : `${url.slice(0, info.passwordStart)}***${url.slice(info.passwordEnd)}`;
  return head.replace(/([?&]password=)[^&#]*/gi, "$1***");
}

/** Replaces every occurrence of the raw connection string, and of its password, in `text`. */
export function redactSecretsOf(location: StoreLocation, text: string): string {
  if (location.kind !== "postgres") return text;
  let out = text.split(location.url).join(location.label);
  for (const password of passwordsOf(location.url)) out = out.split(password).join("***");
  return out;
}

/** Where the user-info password sits: after `scheme://user:`, up to the last `@` before the query. */
function userInfoOf(url: string): { password?: string; passwordStart: number; passwordEnd: number } | undefined {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (scheme === null) return undefined;
  const start = scheme[0].length;
  const queryAt = url.slice(start).search(/[?#]/);
  const end = queryAt === -1 ? url.length : start + queryAt;
  const at = url.lastIndexOf("@", end - 1);
  if (at < start) return undefined;
  const colon = url.indexOf(":", start);
  if (colon === -1 || colon > at) return undefined;
  return { password: url.slice(colon + 1, at), passwordStart: colon + 1, passwordEnd: at };
}

/** The passwords a connection string carries, raw and percent-decoded. */
function passwordsOf(url: string): string[] {
  const found: string[] = [];
  const param = /[?&]password=([^&#]*)/i.exec(url)?.[1];
  for (const raw of [userInfoOf(url)?.password, param]) {
    if (raw === undefined || raw === "") continue;
    found.push(raw);
    try {
      const decoded = decodeURIComponent(raw);
      if (decoded !== raw) found.push(decoded);
    } catch {
      // Not valid percent-encoding: the raw text is all there is to hide.
    }
  }
  return found;
}
