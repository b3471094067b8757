/**
 * How an interrupted run is told apart from a misbehaving target. Once the
 * run's signal aborts, every send throws RunInterruptedError instead of
 * yielding an exchange — a cancelled request says nothing about the target —
 * and each check that did not get to finish becomes a skipped result that
 * says so, rather than a verdict the target never earned.
 */

export class RunInterruptedError extends Error {
  readonly code = 'run-interrupted';

  constructor(readonly by: string | undefined) {
    super(`the run was interrupted${by ? ` (${by})` : ''}`);
    this.name = 'RunInterruptedError';
  }
}

/** The name an abort carries as its reason (`controller.abort('SIGINT')`), if it carries one. */
export function interruptedBy(signal: AbortSignal | undefined): string | undefined {
  const reason: unknown = signal?.reason;
  return typeof reason === 'string' && reason !== '' ? reason : undefined;
}

export function throwIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RunInterruptedError(interruptedBy(signal));
}

const NOT_RUN_PREFIX = 'skipped: the run was interrupted';

/** `ran`: the check never started (its operation was not reached); `finished`: it was cut off mid-operation. */
export function notRunMessage(by: string | undefined, phase: 'ran' | 'finished'): string {
  return `${NOT_RUN_PREFIX}${by ? ` (${by})` : ''} before this check ${phase}`;
}

/** A result made by this module for a check the interruption kept from running. */
export function isNotRunMessage(message: string): boolean {
  return message.startsWith(NOT_RUN_PREFIX);
}
