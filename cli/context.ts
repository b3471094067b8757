/**
 * What a command needs from the outside world, passed in so that tests run
 * commands in-process with their own streams, environment and clock.
 */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The clock; tests pin it. Defaults to the system clock. */
  now?: () => Date;
  /** Aborted when the process is asked to stop (SIGINT/SIGTERM); long-running commands end cleanly. */
  signal?: AbortSignal;
}

export interface CommandContext extends CliIo {
  /** Set by a command handler; main() returns it. */
  setExitCode(code: number): void;
}

export function writeLine(stream: NodeJS.WritableStream, line = ''): void {
  stream.write(`${line}\n`);
}
