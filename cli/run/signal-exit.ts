/** The exit code of a run stopped by a signal. */
import os from 'node:os';

/** The shell's convention: 128 + the signal's number (SIGINT 130, SIGTERM 143); an unknown or missing name counts as SIGINT. */
export function exitCodeForSignal(name: string | undefined): number {
  const signals = os.constants.signals as Readonly<Record<string, number>>;
  return 128 + ((name !== undefined ? signals[name] : undefined) ?? os.constants.signals.SIGINT);
}
