/**
 * Rendered 200 bodies, kept for repeated requests. A body is a pure function
 * of the seed, the clock's day and the request URL, except for
 * `requestDateTime`, which changes once a second: a cached entry is a byte
 * template split around that timestamp, re-joined at most once a second.
 * Bounded by bytes; the oldest entries go first.
 */
export const TIMESTAMP_PLACEHOLDER = '\u0000aferir-requestDateTime\u0000';
const PLACEHOLDER_JSON = JSON.stringify(TIMESTAMP_PLACEHOLDER);

export interface CachedBody {
  /** The parts around each timestamp (one part = no timestamp). */
  parts: Buffer[];
  bytes: number;
  second: string;
  rendered: Buffer;
}

export class ResponseCache {
  private readonly entries = new Map<string, CachedBody>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  /** The body for this key with `requestDateTime` filled in, or undefined. */
  get(key: string, requestDateTime: string): Buffer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.second !== requestDateTime) {
      entry.second = requestDateTime;
      entry.rendered = join(entry.parts, requestDateTime);
    }
    return entry.rendered;
  }

  /**
   * Stores a body serialised with TIMESTAMP_PLACEHOLDER where the timestamp
   * goes, and returns it with the timestamp filled in.
   */
  put(key: string | undefined, json: string, requestDateTime: string): Buffer {
    const parts = json.split(PLACEHOLDER_JSON).map((part) => Buffer.from(part));
    const rendered = join(parts, requestDateTime);
    if (key === undefined || !this.enabled || rendered.length * 2 > this.maxBytes) return rendered;
    const entry: CachedBody = { parts, bytes: rendered.length * 2, second: requestDateTime, rendered };
    const previous = this.entries.get(key);
    if (previous) this.bytes -= previous.bytes;
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const [oldKey, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= old.bytes;
    }
    return rendered;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}

function join(parts: Buffer[], requestDateTime: string): Buffer {
  const [only] = parts;
  if (parts.length === 1 && only) return only;
  const stamp = Buffer.from(JSON.stringify(requestDateTime));
  const pieces: Buffer[] = [];
  parts.forEach((part, index) => {
    if (index > 0) pieces.push(stamp);
    pieces.push(part);
  });
  return Buffer.concat(pieces);
}
