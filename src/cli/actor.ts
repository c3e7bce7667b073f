import { execFileSync } from "node:child_process";
import { userInfo } from "node:os";

/** Who `inventory set` records as the actor: NHISCAN_ACTOR, else git's user.email, else the OS user. */
export function resolveActor(env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  const explicit = env["NHISCAN_ACTOR"]?.trim();
  if (explicit !== undefined && explicit !== "") return explicit;
  try {
    const email = execFileSync("git", ["config", "user.email"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 5000 }).trim();
    if (email !== "") return email;
  } catch {
    // No git, or no user.email set: fall through to the OS user.
  }
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}
