/** What a subcommand gets: where to write, and a signal that aborts on Ctrl-C. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stderr is a terminal: progress may redraw one line. */
  interactive: boolean;
  signal: AbortSignal;
}

/** A `gatherscope <name>` subcommand. Each lives in its own file and is listed in commands.ts. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code: 0 success, 1 failure or violated assertion, 2 bad usage (throw UsageError). */
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Bad command line: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** A user-facing error as the CLI prints it: the message, and its hint on the next line. */
export const withHint = (e: { message: string; hint?: string | undefined }): string =>
  `${e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}`;
