import type { CredentialField } from "./field.js";

// Git writes `scheme://user:password@host[/path]`, URL-encoding what the URL syntax reserves; a
// hand-written line may not encode `@` or `#`, so the password runs to the last `@` of the line.
const LINE = /^[ \t]*[a-z][\w+.-]{0,30}:\/\/([^:/\s@]*):(\S{1,1000})@([^@/\s?#]{1,300})(?:[/?#]\S*)?[ \t\r]*$/gim;

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Passwords of `.git-credentials` lines, URL-decoded, with their user and host. */
export function urlListFields(text: string): CredentialField[] {
  const out: CredentialField[] = [];
  LINE.lastIndex = 0;
  for (let m = LINE.exec(text); m !== null; m = LINE.exec(text)) {
    const raw = m[2] ?? "";
    const start = m.index + m[0].indexOf(`:${raw}@`) + 1;
    out.push({ key: "password", value: decoded(raw), start, end: start + raw.length, user: decoded(m[1] ?? ""), host: m[3] ?? "" });
  }
  return out;
}
