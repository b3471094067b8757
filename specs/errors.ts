/**
 * Errors that reach the user. Each has a stable `code` and the exit code of the
 * command-line contract; the message is one sentence naming the culprit.
 */
export type ExitCode = 0 | 1 | 2 | 3;

export class AferirError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;

  constructor(code: string, message: string, exitCode: ExitCode, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** A bad flag, a missing argument, an unknown id: exit 2. */
export class UsageError extends AferirError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('usage', message, 2, options);
  }
}

/** A spec that cannot be read, parsed or resolved: exit 2. */
export class SpecError extends AferirError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, 2, options);
  }
}
