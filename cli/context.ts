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
  /**
   * SIGINT/SIGTERM for `run` and `demo`, which stop sending and write what they have (cli/stop.ts).
   * bin/aferir.js gives the process's; tests give their own. Default: none (`signal`, when given, is used instead).
   */
  stops?: StopSignals;
  /** Ends the process now with this code: a second Ctrl-C. Default: none (an in-process caller keeps running). */
  exit?: (code: number) => void;
}

export type StopSignalName = 'SIGINT' | 'SIGTERM';

export interface StopSignals {
  /** Calls `onStop` on each SIGINT/SIGTERM until the returned function is called; while anything listens, the signals do not end the process. */
  listen(onStop: (name: StopSignalName) => void): () => void;
}

export interface CommandContext extends CliIo {
  /** Set by a command handler; main() returns it. */
  setExitCode(code: number): void;
}

export function writeLine(stream: NodeJS.WritableStream, line = ''): void {
  stream.write(`${line}\n`);
}
