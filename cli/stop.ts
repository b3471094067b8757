/**
 * SIGINT/SIGTERM for the commands that stop cleanly (`run`, `demo`).
 * bin/aferir.js hands in the process's signals; tests hand in their own, so a
 * stop is simulated in-process. While a command listens, the first signal
 * aborts its work — which then writes the reports for what ran — and a second
 * one quits at once. Commands that do not listen keep Node's default: a
 * signal ends them straight away.
 */
import { exitCodeForSignal } from './run/signal-exit.ts';
import { writeLine, type CliIo, type StopSignalName } from './context.ts';

export type { StopSignalName, StopSignals } from './context.ts';
export { exitCodeForSignal };

export interface Stoppable<T> {
  value: T;
  /** The first signal received while `work` ran, if any. */
  stoppedBy?: StopSignalName;
}

/** Runs `work` with an AbortSignal the first stop aborts (its reason is the signal's name). Without `io.stops`, `io.signal` is passed on. */
export async function whileStoppable<T>(io: CliIo, work: (signal: AbortSignal | undefined) => Promise<T>): Promise<Stoppable<T>> {
  if (!io.stops) return { value: await work(io.signal) };
  const controller = new AbortController();
  let stoppedBy: StopSignalName | undefined;
  const stopListening = io.stops.listen((name) => {
    if (stoppedBy === undefined) {
      stoppedBy = name;
      writeLine(
        io.stderr,
        `\naferir: ${name} received: no new requests; writing the reports for what ran. ${name === 'SIGINT' ? 'Press Ctrl-C' : 'Send it'} again to quit at once.`,
      );
      controller.abort(name);
      return;
    }
    writeLine(io.stderr, `aferir: ${name} again: quitting at once, without waiting for the reports.`);
    io.exit?.(exitCodeForSignal(name));
  });
  try {
    const value = await work(controller.signal);
    return { value, stoppedBy };
  } finally {
    stopListening();
  }
}
