/**
 * A typed view of one part of the store: JSON values under `<name>:<id>`, and
 * `update`, a read-modify-write that retries when another replica changed the
 * record in between (optimistic concurrency on `replaceIf`).
 */
import type { StateStore } from './store.ts';

/** What `update`'s function returns: the new record, or undefined to leave it as it is. */
export type Updater<T> = (current: T) => T | undefined;

export class Collection<T> {
  constructor(
    private readonly store: StateStore,
    readonly name: string,
  ) {}

  key(id: string): string {
    return `${this.name}:${id}`;
  }

  async get(id: string): Promise<T | undefined> {
    const text = await this.store.get(this.key(id));
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async put(id: string, value: T, ttlSeconds?: number): Promise<void> {
    await this.store.set(this.key(id), JSON.stringify(value), ttlSeconds);
  }

  /** Stores only if absent; true when this call created it. */
  async create(id: string, value: T, ttlSeconds?: number): Promise<boolean> {
    return this.store.setIfAbsent(this.key(id), JSON.stringify(value), ttlSeconds);
  }

  async delete(id: string): Promise<void> {
    await this.store.delete(this.key(id));
  }

  /**
   * Applies `change` atomically with respect to other writers: if the stored record changed
   * between the read and the write, reads again and re-applies. Returns the record as stored
   * afterwards (undefined when absent). The expiry is kept.
   */
  async update(id: string, change: Updater<T>, attempts = 16): Promise<T | undefined> {
    const key = this.key(id);
    for (let attempt = 0; attempt < attempts; attempt++) {
      const text = await this.store.get(key);
      if (text === undefined) return undefined;
      const current = JSON.parse(text) as T;
      const next = change(current);
      if (next === undefined) return current;
      if (await this.store.replaceIf(key, text, JSON.stringify(next))) return next;
    }
    throw new Error(`state store: ${key} kept changing under ${attempts} concurrent updates`);
  }
}
