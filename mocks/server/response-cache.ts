/**
 * Rendered 200 bodies, kept for repeated requests. A body is a pure function
 * of the seed, the clock's day and the request URL, except for
 * `requestDateTime`, which changes once a second: a cached entry is a byte
 * template split around that timestamp, re-joined at most once a second.
 *
 * Bounded by bytes, least recently used first out. A body is only kept the
 * second time its key is rendered (a "doorkeeper" of key hashes, itself
 * bounded): traffic of fresh paths — a load test, a receiver's suite — would
 * otherwise fill the cache with bodies nobody asks for again, paying the copy
 * and the memory for nothing, while a URL asked twice is cached from then on.
 * Being a cache of pure functions, what it keeps changes no byte sent.
 */
import { hashString } from '../../data/random.ts';

export const TIMESTAMP_PLACEHOLDER = '\u0000aferir-requestDateTime\u0000';
const PLACEHOLDER_JSON = JSON.stringify(TIMESTAMP_PLACEHOLDER);

export interface CachedBody {
  /** The parts around each timestamp (one part = no timestamp). */
  parts: Buffer[];
  bytes: number;
  second: string;
  rendered: Buffer;
}

/** Key hashes the doorkeeper remembers before it starts over (a Set of numbers: about 2 MB at most). */
const SEEN_LIMIT = 65_536;

export class ResponseCache {
  private readonly entries = new Map<string, CachedBody>();
  private readonly seen = new Set<number>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  /** The body for this key with `requestDateTime` filled in, or undefined. */
  get(key: string, requestDateTime: string): Buffer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Most recently used last: eviction takes from the front.
    this.entries.delete(key);
    this.entries.set(key, entry);
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
    if (key === undefined || !this.admits(key)) return Buffer.from(json.split(PLACEHOLDER_JSON).join(JSON.stringify(requestDateTime)));
    return this.store(key, json, requestDateTime);
  }

  /** Like put, for a key `admits` has let in: the caller serialised the body with the placeholder because it will be kept. */
  store(key: string, json: string, requestDateTime: string): Buffer {
    const parts = json.split(PLACEHOLDER_JSON).map((part) => Buffer.from(part));
    const rendered = join(parts, requestDateTime);
    if (rendered.length * 2 > this.maxBytes) return rendered;
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
    this.seen.clear();
    this.bytes = 0;
  }

  /** Bytes held by the cached bodies (their template and their rendered form). */
  get heldBytes(): number {
    return this.bytes;
  }

  /**
   * Whether a body rendered for this key is to be kept: true the second time a key comes (or when a hash collision
   * says so: then it is merely cached early), never when the cache is disabled.
   */
  admits(key: string): boolean {
    if (!this.enabled) return false;
    const hash = hashString(key);
    if (this.seen.has(hash)) return true;
    if (this.seen.size >= SEEN_LIMIT) this.seen.clear();
    this.seen.add(hash);
    return false;
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
