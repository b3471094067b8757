/**
 * The reporter interface (DESIGN.md rule 4, after vitest's `Reporter`) and a
 * multiplexer that keeps one broken reporter from silencing the others
 * (after Playwright's `Multiplexer`): its error is collected and handed to
 * `onError`, and the remaining reporters still run.
 */
import { AferirError } from '../specs/errors.ts';
import type { CheckResult, RunResults, SpecInfo } from '../suites/result-model.ts';

/** What a reporter learns when the run starts, before any result exists. */
export interface RunStartInfo {
  tool: { name: string; version: string };
  target: string;
  spec: string;
  specs?: SpecInfo[];
  startedAt: string;
}

export interface Reporter {
  /** Shown in error messages when the reporter throws; defaults to `reporter #<index>`. */
  readonly name?: string;
  onRunStart?(info: RunStartInfo): void | Promise<void>;
  onResult?(result: CheckResult): void | Promise<void>;
  onRunEnd?(results: RunResults): void | Promise<void>;
}

type Hook = 'onRunStart' | 'onResult' | 'onRunEnd';

/** A reporter threw or rejected; the run itself goes on. */
export class ReporterError extends AferirError {
  readonly reporter: string;
  readonly hook: Hook;

  constructor(reporter: string, hook: Hook, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('reporter-failed', `Reporter '${reporter}' failed in ${hook}: ${reason}`, 2, { cause });
    this.reporter = reporter;
    this.hook = hook;
  }
}

export interface MultiplexOptions {
  /** Called once per failure, e.g. to print it to stderr. Default: none (read `errors`). */
  onError?: (error: ReporterError) => void;
}

/** A reporter that forwards every hook to each reporter in turn; see `errors` afterwards. */
export interface MultiplexReporter extends Required<Omit<Reporter, 'name'>> {
  readonly name: string;
  /** Every failure so far, in the order it happened. */
  readonly errors: readonly ReporterError[];
}

export function multiplexReporters(reporters: readonly Reporter[], options: MultiplexOptions = {}): MultiplexReporter {
  const errors: ReporterError[] = [];

  // Sequential on purpose: reporters see results in the engine's order, and a
  // slow file reporter must not interleave its writes with another's.
  async function forEach(hook: Hook, argument: unknown): Promise<void> {
    for (const [index, reporter] of reporters.entries()) {
      const method = reporter[hook] as ((value: unknown) => void | Promise<void>) | undefined;
      if (method === undefined) continue;
      try {
        await method.call(reporter, argument);
      } catch (cause) {
        const error = new ReporterError(reporter.name ?? `reporter #${index + 1}`, hook, cause);
        errors.push(error);
        options.onError?.(error);
      }
    }
  }

  return {
    name: 'multiplexer',
    errors,
    onRunStart: (info) => forEach('onRunStart', info),
    onResult: (result) => forEach('onResult', result),
    onRunEnd: (results) => forEach('onRunEnd', results),
  };
}
