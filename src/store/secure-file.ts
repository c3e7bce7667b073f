import { closeSync, constants, fchmodSync, fstatSync, openSync } from "node:fs";
import { StoreError } from "../model/errors.js";

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | constants.O_NONBLOCK;
// SQLite's companions of a WAL database: they take the database's mode when created, but an
// existing one keeps its own.
const COMPANIONS = ["", "-wal", "-shm"];

/**
 * Makes an existing store file (one nhiscan did not create just now) private before SQLite
 * writes credential metadata into it: a symbolic link is refused (its target could be any file),
 * so is a file that is not a regular one or belongs to another user; a readable-by-others mode
 * (an empty 0644 file made by `touch`) is narrowed to 0600.
 */
export function secureStoreFile(file: string): void {
  for (const suffix of COMPANIONS) {
    const path = `${file}${suffix}`;
    let fd: number;
    try {
      fd = openSync(path, OPEN_FLAGS);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" && suffix !== "") continue;
      const why = code === "ELOOP" ? "is a symbolic link (pass the file it points to)" : `cannot be opened (${code ?? "error"})`;
      throw new StoreError(`${path}: the store ${why}`, { exitCode: 2, cause: error });
    }
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) throw new StoreError(`${path}: the store is not a regular file`, { exitCode: 2 });
      if (typeof process.getuid === "function" && stat.uid !== process.getuid()) {
        throw new StoreError(`${path}: the store belongs to another user`, { exitCode: 2, hint: "Record into a file you own." });
      }
      if ((stat.mode & 0o077) !== 0) fchmodSync(fd, 0o600);
    } finally {
      closeSync(fd);
    }
  }
}
