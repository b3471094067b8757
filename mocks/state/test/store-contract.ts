/**
 * The behaviour every StateStore must have, run against the memory store and
 * against a real redis-server. `advance(ms)` moves time on: the memory store's
 * injected clock, or a real wait for Redis (whose clock cannot be moved).
 */
import { describe, expect, it } from 'vitest';
import { Collection } from '../collection.ts';
import type { StateStore } from '../store.ts';

export interface StoreUnderTest {
  store: () => StateStore;
  /** Lets `ms` milliseconds pass for the store. */
  advance: (ms: number) => Promise<void>;
}

let counter = 0;
/** A key no other test uses (the Redis store is shared by the whole file). */
const fresh = (name: string) => `${name}-${process.pid}-${++counter}`;

export function storeContract(subject: StoreUnderTest): void {
  describe('values', () => {
    it('gets what was set, and nothing for an absent key', async () => {
      const store = subject.store();
      const key = fresh('value');
      expect(await store.get(key)).toBeUndefined();
      await store.set(key, 'one');
      expect(await store.get(key)).toBe('one');
      await store.set(key, 'two');
      expect(await store.get(key)).toBe('two');
    });

    it('forgets a value once its TTL has passed, and keeps one without TTL', async () => {
      const store = subject.store();
      const short = fresh('short');
      const forever = fresh('forever');
      await store.set(short, 'x', 0.2);
      await store.set(forever, 'y');
      expect(await store.get(short)).toBe('x');
      await subject.advance(450);
      expect(await store.get(short)).toBeUndefined();
      expect(await store.get(forever)).toBe('y');
    });

    it('deletes several keys at once, ignoring absent ones', async () => {
      const store = subject.store();
      const [a, b] = [fresh('del'), fresh('del')];
      await store.set(a, '1');
      await store.set(b, '2');
      await store.delete(a, b, fresh('absent'));
      expect(await store.get(a)).toBeUndefined();
      expect(await store.get(b)).toBeUndefined();
    });
  });

  describe('atomic operations', () => {
    it('setIfAbsent: exactly one of many concurrent writers wins (replay detection)', async () => {
      const store = subject.store();
      const key = fresh('jti');
      const wins = await Promise.all(Array.from({ length: 20 }, (_, i) => store.setIfAbsent(key, `writer-${i}`, 60)));
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await store.get(key)).toBe(`writer-${wins.indexOf(true)}`);
    });

    it('setIfAbsent succeeds again once the earlier value expired', async () => {
      const store = subject.store();
      const key = fresh('jti');
      expect(await store.setIfAbsent(key, 'a', 0.2)).toBe(true);
      expect(await store.setIfAbsent(key, 'b', 0.2)).toBe(false);
      await subject.advance(450);
      expect(await store.setIfAbsent(key, 'c', 0.2)).toBe(true);
    });

    it('take: a value is consumed once, however many ask at the same time', async () => {
      const store = subject.store();
      const key = fresh('code');
      await store.set(key, 'the-code', 60);
      const taken = await Promise.all(Array.from({ length: 10 }, () => store.take(key)));
      expect(taken.filter((value) => value === 'the-code')).toHaveLength(1);
      expect(await store.get(key)).toBeUndefined();
    });

    it('replaceIf replaces only an unchanged value and keeps its expiry', async () => {
      const store = subject.store();
      const key = fresh('cas');
      await store.set(key, 'v1', 0.3);
      expect(await store.replaceIf(key, 'stale', 'v2')).toBe(false);
      expect(await store.replaceIf(key, 'v1', 'v2')).toBe(true);
      expect(await store.get(key)).toBe('v2');
      expect(await store.replaceIf(fresh('absent'), 'v1', 'v2')).toBe(false);
      await subject.advance(600);
      expect(await store.get(key)).toBeUndefined();
    });
  });

  describe('sets', () => {
    it('collects members and keeps the set as long as its longest-lived member', async () => {
      const store = subject.store();
      const key = fresh('grant');
      expect(await store.members(key)).toEqual([]);
      await store.addToSet(key, 'AccessToken:a', 0.2);
      await store.addToSet(key, 'RefreshToken:b', 60);
      await store.addToSet(key, 'AccessToken:a', 0.2);
      expect((await store.members(key)).sort()).toEqual(['AccessToken:a', 'RefreshToken:b']);
      await subject.advance(450);
      expect((await store.members(key)).sort()).toEqual(['AccessToken:a', 'RefreshToken:b']);
      await store.delete(key);
      expect(await store.members(key)).toEqual([]);
    });

    it('a set whose members all had a short TTL goes away', async () => {
      const store = subject.store();
      const key = fresh('grant');
      await store.addToSet(key, 'x', 0.2);
      await subject.advance(450);
      expect(await store.members(key)).toEqual([]);
    });
  });

  describe('typed collections', () => {
    it('update re-applies the change when another writer got there first, losing no write', async () => {
      const store = subject.store();
      const counters = new Collection<{ n: number }>(store, fresh('counters'));
      await counters.put('c', { n: 0 }, 60);
      await Promise.all(Array.from({ length: 10 }, () => counters.update('c', (current) => ({ n: current.n + 1 }))));
      expect(await counters.get('c')).toEqual({ n: 10 });
    });

    it('update of an absent record does nothing; create only creates once', async () => {
      const store = subject.store();
      const records = new Collection<{ v: string }>(store, fresh('records'));
      expect(await records.update('none', () => ({ v: 'x' }))).toBeUndefined();
      expect(await records.get('none')).toBeUndefined();
      expect(await records.create('r', { v: 'first' })).toBe(true);
      expect(await records.create('r', { v: 'second' })).toBe(false);
      expect(await records.get('r')).toEqual({ v: 'first' });
    });
  });
}
