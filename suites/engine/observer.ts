/**
 * The one way to watch a run: a run observer with optional hooks (DESIGN.md
 * rule 4, after vitest's `Reporter`) — the CLI's progress lines and the report
 * files (reports/write.ts) are both observers — and a multiplexer that keeps
 * one broken observer from silencing the others or stopping the run (after
 * Playwright's `Multiplexer`): its error is collected and handed to
 * `onError`, and the remaining observers still run.
 */
import { AferirError } from '../../specs/errors.ts';
import type { CheckResult, RunResults, RunSummary, SpecInfo } from '../result-model.ts';

/** What an observer learns when the run starts, before any result exists. */
interface RunStart {
  tool: { name: string; version: string };
  target: string;
  spec: string;
  specs: SpecInfo[];
  startedAt: string;
}

export type ProgressEvent =
  | { type: 'spec-start'; spec: SpecInfo; target: string; operations: number }
  | { type: 'operation-start'; spec: string; operation: string; index: number; total: number }
  | { type: 'operation-end'; spec: string; operation: string; results: CheckResult[]; soFar: RunSummary }
  | { type: 'warning'; message: string };

export interface RunObserver {
  /** Shown in error messages when the observer throws; defaults to `observer #<index>`. */
  readonly name?: string;
  onRunStart?(info: RunStart): void | Promise<void>;
  /** Synchronous, so that progress lines keep the run's order; a returned promise is not awaited. */
  onProgress?(event: ProgressEvent): void;
  onResult?(result: CheckResult): void | Promise<void>;
  onRunEnd?(run: RunResults): void | Promise<void>;
}

type Hook = 'onRunStart' | 'onProgress' | 'onResult' | 'onRunEnd';

/** An observer threw or rejected; the run itself goes on. */
export class ObserverError extends AferirError {
  readonly observer: string;
  readonly hook: Hook;

  constructor(observer: string, hook: Hook, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('observer-failed', `Observer '${observer}' failed in ${hook}: ${reason}`, 2, { cause });
    this.observer = observer;
    this.hook = hook;
  }
}

export interface MultiplexOptions {
  /** Called once per failure, e.g. to print it. Default: none (read `errors`). */
  onError?: (error: ObserverError) => void;
}

/** An observer that forwards every hook to each observer in turn; see `errors` afterwards. */
export interface ObserverGroup extends Required<Omit<RunObserver, 'name'>> {
  /** Every failure so far, in the order it happened. */
  readonly errors: readonly ObserverError[];
}

export function multiplexObservers(observers: readonly RunObserver[], options: MultiplexOptions = {}): ObserverGroup {
  const errors: ObserverError[] = [];
  const failed = (index: number, hook: Hook, cause: unknown) => {
    const error = new ObserverError(observers[index]?.name ?? `observer #${index + 1}`, hook, cause);
    errors.push(error);
    options.onError?.(error);
  };

  // Sequential on purpose: observers see results in the engine's order, and a
  // slow file writer must not interleave its writes with another's.
  async function forEach(hook: Exclude<Hook, 'onProgress'>, argument: unknown): Promise<void> {
    for (const [index, observer] of observers.entries()) {
      const method = observer[hook] as ((value: unknown) => void | Promise<void>) | undefined;
      if (method === undefined) continue;
      try {
        await method.call(observer, argument);
      } catch (cause) {
        failed(index, hook, cause);
      }
    }
  }

  return {
    errors,
    onRunStart: (info) => forEach('onRunStart', info),
    onProgress(event) {
      for (const [index, observer] of observers.entries()) {
        try {
          observer.onProgress?.(event);
        } catch (cause) {
          failed(index, 'onProgress', cause);
        }
      }
    },
    onResult: (result) => forEach('onResult', result),
    onRunEnd: (run) => forEach('onRunEnd', run),
  };
}
