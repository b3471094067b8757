/**
 * One deadline for everything a spec load downloads: the file and each remote
 * `$ref`. Idle timers are not enough — a server that sends a byte every second
 * resets them forever — so every download shares this one clock, and the load
 * ends them all when it finishes or fails.
 */
import { setMaxListeners } from 'node:events';

export class Deadline {
  /** Aborted when the deadline passes or the load is over; pass it to every request. */
  readonly signal: AbortSignal;
  private readonly clock: AbortSignal;
  private readonly over = new AbortController();

  constructor(readonly ms: number) {
    // AbortSignal.timeout's timer does not keep the process alive.
    this.clock = AbortSignal.timeout(ms);
    this.signal = AbortSignal.any([this.clock, this.over.signal]);
    // Each download listens while it runs, and a spec may pull in dozens of $refs at once: no limit, no leak warning.
    setMaxListeners(0, this.signal);
  }

  /** True once the time is up (not merely because the load ended). */
  get expired(): boolean {
    return this.clock.aborted;
  }

  /** The load is over: downloads still running are cancelled. */
  end(): void {
    this.over.abort();
  }
}
