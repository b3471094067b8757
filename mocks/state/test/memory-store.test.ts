import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ENTRIES, MemoryStore } from '../memory-store.ts';
import { storeContract } from './store-contract.ts';

describe('MemoryStore', () => {
  let now = Date.parse('2026-05-10T12:00:00Z');
  const store = new MemoryStore({ now: () => now });
  storeContract({
    store: () => store,
    advance: async (ms) => {
      now += ms;
    },
  });

  it('keeps at most maxEntries, dropping expired entries first and then the least recently written', async () => {
    let clock = 0;
    const small = new MemoryStore({ maxEntries: 10, now: () => clock });
    for (let i = 0; i < 5; i++) await small.set(`short-${i}`, 'x', 1);
    for (let i = 0; i < 5; i++) await small.set(`long-${i}`, 'x');
    clock += 2_000;
    await small.set('newcomer', 'x');
    // The five expired entries made room; every live one is still there.
    for (let i = 0; i < 5; i++) expect(await small.get(`long-${i}`)).toBe('x');
    for (let i = 0; i < 5; i++) await small.set(`more-${i}`, 'x');
    expect(small.size).toBeLessThanOrEqual(10);
    // Full of live entries: the oldest writes went, the newest stayed.
    expect(await small.get('long-0')).toBeUndefined();
    expect(await small.get('more-4')).toBe('x');
    expect(await small.get('newcomer')).toBe('x');
  });

  it('rewriting a key makes it the most recent, so it outlives older writes', async () => {
    const small = new MemoryStore({ maxEntries: 3 });
    await small.set('a', '1');
    await small.set('b', '1');
    await small.set('c', '1');
    await small.set('a', '2');
    await small.set('d', '1');
    expect(await small.get('a')).toBe('2');
    expect(await small.get('b')).toBeUndefined();
  });

  it('never holds more than the cap however many keys are written', async () => {
    const small = new MemoryStore({ maxEntries: 100 });
    for (let i = 0; i < 5_000; i++) await small.set(`k${i}`, 'v');
    expect(small.size).toBeLessThanOrEqual(100);
    expect(DEFAULT_MAX_ENTRIES).toBe(100_000);
  });

  it('refuses a bad cap or TTL as a programming error', async () => {
    expect(() => new MemoryStore({ maxEntries: 0 })).toThrow(/maxEntries/);
    await expect(new MemoryStore().set('k', 'v', -1)).rejects.toThrow(/ttlSeconds/);
  });
});
