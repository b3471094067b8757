/**
 * Rendered 200 bodies, kept for repeated requests. A body is a pure function
 * of the seed, the clock's day and the request URL, except for
 * `requestDateTime`, which changes once a second: a cached entry is one copy
 * of the body and where its timestamps are; the first request of a new second
 * gets a new copy with them rewritten (never in place: the old copy may still
 * be on its way out of a socket).
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
  /** The body as last sent, with the timestamp of `second`. */
  rendered: Buffer;
  second: string;
  /** Byte offsets in `rendered` where the quoted timestamp begins (none: the body has no timestamp). */
  stamps: number[];
  /** Bytes of the quoted timestamp at each of them. */
  stampLength: number;
  /** Bytes counted against the bound: the body and what keeping it costs beside. */
  bytes: number;
}

/** What a Map entry, its key and the offsets cost beside the body, counted against the bound. */
const ENTRY_OVERHEAD = 200;

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
    if (entry.second !== requestDateTime) restamp(entry, requestDateTime);
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
    const entry = entryOf(json, requestDateTime);
    if (entry.bytes > this.maxBytes) return entry.rendered;
    const previous = this.entries.get(key);
    if (previous) this.bytes -= previous.bytes;
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const [oldKey, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= old.bytes;
    }
    return entry.rendered;
  }

  clear(): void {
    this.entries.clear();
    this.seen.clear();
    this.bytes = 0;
  }

  /** Bytes held by the cached bodies (with ENTRY_OVERHEAD each). */
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

/** The body with its timestamps filled in, in memory of its own (a slice of Node's shared pool would keep its 8 KB slab alive). */
function entryOf(json: string, requestDateTime: string): CachedBody {
  const parts = json.split(PLACEHOLDER_JSON);
  const stamp = JSON.stringify(requestDateTime);
  const text = parts.join(stamp);
  const rendered = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  rendered.write(text);
  const stamps: number[] = [];
  const stampBytes = Buffer.byteLength(stamp);
  let offset = 0;
  for (let index = 0; index < parts.length - 1; index++) {
    offset += Buffer.byteLength(parts[index]!);
    stamps.push(offset);
    offset += stampBytes;
  }
  return { rendered, second: requestDateTime, stamps, stampLength: stampBytes, bytes: rendered.length + ENTRY_OVERHEAD };
}

/** A new copy of the entry's body with `requestDateTime` where the old timestamp was (the two may differ in length). */
function restamp(entry: CachedBody, requestDateTime: string): void {
  entry.second = requestDateTime;
  if (entry.stamps.length === 0) return;
  const old = entry.rendered;
  const oldLength = entry.stampLength;
  const stamp = Buffer.from(JSON.stringify(requestDateTime));
  const next = Buffer.allocUnsafeSlow(old.length + entry.stamps.length * (stamp.length - oldLength));
  let read = 0;
  let written = 0;
  entry.stamps = entry.stamps.map((offset) => {
    written += old.copy(next, written, read, offset);
    const at = written;
    written += stamp.copy(next, written);
    read = offset + oldLength;
    return at;
  });
  old.copy(next, written, read);
  entry.rendered = next;
  entry.stampLength = stamp.length;
}
