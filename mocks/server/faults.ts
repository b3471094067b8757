/**
 * Fault injection for receivers: added latency, a share of requests answered
 * with a server error, and a rate limit that answers 429. Random choices come
 * from a generator seeded by the mock's seed, so a run can be replayed.
 */
import type { LatencyRange } from './options.ts';

export const FAULT_STATUSES = [500, 503, 504, 529] as const;

/** mulberry32: small, fast, and good enough to pick faults. */
export function seededRandom(seed: string | number): () => number {
  let state = 0;
  for (const char of String(seed)) state = (Math.imul(state ^ char.charCodeAt(0), 2654435761) + 0x9e3779b9) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private readonly random: () => number;
  private windowStart = 0;
  private windowCount = 0;

  constructor(
    seed: string | number,
    private readonly latency: LatencyRange | undefined,
    private readonly faultRate: number,
    private readonly rateLimit: number | undefined,
  ) {
    this.random = seededRandom(`faults:${seed}`);
  }

  get active(): boolean {
    return this.latency !== undefined || this.faultRate > 0 || this.rateLimit !== undefined;
  }

  /** Milliseconds to wait before answering (0 = answer now). */
  delayMs(): number {
    if (!this.latency) return 0;
    const { minMs, maxMs } = this.latency;
    return minMs + (maxMs - minMs) * this.random();
  }

  /** A server error status to answer with instead of the real answer, or undefined. */
  fault(): number | undefined {
    if (this.faultRate <= 0 || this.random() >= this.faultRate) return undefined;
    return FAULT_STATUSES[Math.floor(this.random() * FAULT_STATUSES.length)];
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
