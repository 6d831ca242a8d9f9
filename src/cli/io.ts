/** What a CLI run talks to. `run()` takes it as a parameter so tests drive the CLI without a process. */
export interface TextSink {
  write(chunk: string): unknown;
}

export interface CliIO {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** stdout is a terminal: colours (unless NO_COLOR is set). */
  readonly isTTY: boolean;
  /** stderr is a terminal: progress lines while checking a folder. Defaults to false. */
  readonly stderrIsTTY?: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative paths on the command line resolve against this folder. */
  readonly cwd: string;
}

/** Colours only on a terminal and only when NO_COLOR is unset (https://no-color.org: present and non-empty). */
export function useColor(io: Pick<CliIO, 'isTTY' | 'env'>): boolean {
  const noColor = io.env['NO_COLOR'];
  return io.isTTY && (noColor === undefined || noColor === '');
}

/** A failure the user can act on: one line on stderr, exit code 2, never a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 2 = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A usage error (bad arguments): like CliError, and the line ends with a hint to --help. */
export class UsageError extends CliError {
  constructor(
    message: string,
    /** The command whose help to point at, or null for the top level. */
    readonly command: string | null,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
