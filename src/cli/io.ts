/** What a command may touch of the outside world; in-process tests pass their own. */
export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** Width of the terminal stdout writes to, when it is one (`process.stdout.columns`). */
  readonly columns?: number;
}

/** Colours unless NO_COLOR is set (https://no-color.org) or the stream is not a terminal. */
export function useColor(io: CliIo, isTTY: boolean, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  const noColor = io.env["NO_COLOR"];
  if (noColor !== undefined && noColor !== "") return false;
  return isTTY;
}
