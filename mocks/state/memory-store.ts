/**
 * The in-memory state store: one process, bounded by entry count, with expiry.
 * Expired entries are dropped when read and by a sweep that runs when the
 * store is full; then, if it is still full, the least recently written entry
 * makes room (a mock that runs for days never grows without bound).
 */
import { checkTtl, type StateStore } from './store.ts';

export interface MemoryStoreOptions {
  /** Most entries kept at once (a set counts as one entry). Default 100 000 — about 100 MB at worst with tokens of ~1 KB. */
  maxEntries?: number;
  /** The clock, in milliseconds since the epoch; tests pass their own. Default `Date.now`. */
  now?: () => number;
}

export const DEFAULT_MAX_ENTRIES = 100_000;

interface Entry {
  value: string | Set<string>;
  /** Milliseconds since the epoch; Infinity = never. */
  expiresAt: number;
}

export class MemoryStore implements StateStore {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: MemoryStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1)
      throw new TypeError('MemoryStore: maxEntries must be a positive integer');
    this.now = options.now ?? Date.now;
  }

  /** Entries held now, expired ones not yet swept included (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  async get(key: string): Promise<string | undefined> {
    const entry = this.live(key);
    return typeof entry?.value === 'string' ? entry.value : undefined;
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    checkTtl(ttlSeconds);
    this.write(key, { value, expiresAt: this.expiry(ttlSeconds) });
  }

  async setIfAbsent(key: string, value: string, ttlSeconds?: number): Promise<boolean> {
    checkTtl(ttlSeconds);
    if (this.live(key)) return false;
    this.write(key, { value, expiresAt: this.expiry(ttlSeconds) });
    return true;
  }

  async replaceIf(key: string, expected: string, value: string): Promise<boolean> {
    const entry = this.live(key);
    if (entry?.value !== expected) return false;
    this.write(key, { value, expiresAt: entry.expiresAt });
    return true;
  }

  async take(key: string): Promise<string | undefined> {
    const entry = this.live(key);
    if (typeof entry?.value !== 'string') return undefined;
    this.entries.delete(key);
    return entry.value;
  }

  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }

  async addToSet(key: string, member: string, ttlSeconds?: number): Promise<void> {
    checkTtl(ttlSeconds);
    const entry = this.live(key);
    const expiresAt = this.expiry(ttlSeconds);
    if (entry && entry.value instanceof Set) {
      entry.value.add(member);
      entry.expiresAt = Math.max(entry.expiresAt, expiresAt);
      return;
    }
    this.write(key, { value: new Set([member]), expiresAt });
  }

  async members(key: string): Promise<string[]> {
    const entry = this.live(key);
    return entry && entry.value instanceof Set ? [...entry.value] : [];
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  private expiry(ttlSeconds: number | undefined): number {
    return ttlSeconds === undefined ? Infinity : this.now() + ttlSeconds * 1000;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Re-inserting moves the key to the end of the Map's order, so the first key is always the least recently written. */
  private write(key: string, entry: Entry): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.makeRoom();
    this.entries.set(key, entry);
  }

  private makeRoom(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    // Then evict the oldest writes down to nine tenths of the cap, so that a full store scans once per tenth of the cap, not once per write.
    const target = Math.min(this.maxEntries - 1, Math.floor(this.maxEntries * 0.9));
    let excess = this.entries.size - target;
    for (const key of this.entries.keys()) {
      if (excess-- <= 0) break;
      this.entries.delete(key);
    }
  }
}
