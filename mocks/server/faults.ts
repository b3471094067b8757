/**
 * Fault injection for receivers: added latency, a share of requests answered
 * with a server error, and a rate limit that answers 429. Random choices come
 * from a generator seeded by the mock's seed, so a run can be replayed.
 */
import { hashString, Rng } from '../../data/random.ts';
import type { LatencyRange } from './options.ts';

const FAULT_STATUSES = [500, 503, 504, 529] as const;

export class FaultInjector {
  private readonly random: Rng;
  private windowStart = 0;
  private windowCount = 0;

  constructor(
    seed: string | number,
    private readonly latency: LatencyRange | undefined,
    private readonly faultRate: number,
    private readonly rateLimit: number | undefined,
  ) {
    // The data engine's generator, on a stream of its own: the same seed replays the same faults.
    this.random = new Rng(hashString(`faults:${seed}`));
  }

  get active(): boolean {
    return this.latency !== undefined || this.faultRate > 0 || this.rateLimit !== undefined;
  }

  /** Milliseconds to wait before answering (0 = answer now). */
  delayMs(): number {
    if (!this.latency) return 0;
    const { minMs, maxMs } = this.latency;
    return minMs + (maxMs - minMs) * this.random.next();
  }

  /** A server error status to answer with instead of the real answer, or undefined. */
  fault(): number | undefined {
    if (this.faultRate <= 0 || this.random.next() >= this.faultRate) return undefined;
    return FAULT_STATUSES[Math.floor(this.random.next() * FAULT_STATUSES.length)];
  }

  /** True when this request goes over the rate limit (fixed one-second windows). */
  overLimit(nowMs: number): boolean {
    if (this.rateLimit === undefined) return false;
    if (nowMs - this.windowStart >= 1000) {
      this.windowStart = nowMs;
      this.windowCount = 0;
    }
    this.windowCount++;
    return this.windowCount > this.rateLimit;
  }

  /** Seconds until the current window ends, for `Retry-After`. */
  retryAfterSeconds(nowMs: number): number {
    return Math.max(1, Math.ceil((this.windowStart + 1000 - nowMs) / 1000));
  }
}

export interface Preference {
  /** `Prefer: code=404`. */
  code?: number;
  /** `Prefer: example=name`. */
  example?: string;
}

/** Prism's `Prefer` header: `code=<status>`, `example=<name>`, comma- or semicolon-separated. */
export function parsePrefer(header: string | string[] | undefined): Preference | undefined {
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header.join(',') : header;
  const preference: Preference = {};
  for (const token of text.split(/[,;]/)) {
    const eq = token.indexOf('=');
    if (eq < 0) continue;
    const name = token.slice(0, eq).trim().toLowerCase();
    const value = token
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (name === 'code' && /^[1-5]\d\d$/.test(value)) preference.code = Number(value);
    if (name === 'example' && value !== '') preference.example = value;
  }
  return preference.code === undefined && preference.example === undefined ? undefined : preference;
}
