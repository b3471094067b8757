import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStateStore, parseStateUrl } from '../open-store.ts';
import { RedisStore } from '../redis-store.ts';
import { StateStoreError, type StateStore } from '../store.ts';
import { REDIS_SERVER, REDIS_SKIP_REASON, startRedis, type TestRedis } from './redis-server.ts';
import { storeContract } from './store-contract.ts';

describe.skipIf(!REDIS_SERVER)(`RedisStore against a real redis-server${REDIS_SKIP_REASON}`, () => {
  let redis: TestRedis;
  let store: StateStore;
  beforeAll(async () => {
    redis = await startRedis();
    store = await openStateStore(`${redis.url}/0`, { redis: { prefix: 'contract:' } });
  });
  afterAll(async () => {
    await store?.close();
    await redis?.stop();
  });

  storeContract({ store: () => store, advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });

  it('two connections (two replicas) see each other’s writes, and prefixes keep mocks apart', async () => {
    const other = await RedisStore.connect(redis.url, { prefix: 'contract:' });
    const stranger = await RedisStore.connect(redis.url, { prefix: 'someone-else:' });
    try {
      await store.set('shared', 'from-one');
      expect(await other.get('shared')).toBe('from-one');
      expect(await other.take('shared')).toBe('from-one');
      expect(await store.get('shared')).toBeUndefined();
      await store.set('mine', 'x');
      expect(await stranger.get('mine')).toBeUndefined();
    } finally {
      await other.close();
      await stranger.close();
    }
  });
});

describe.skipIf(!REDIS_SERVER)(`a Redis that goes away and comes back${REDIS_SKIP_REASON}`, () => {
  it('operations fail (not hang) while it is down, and work again once it is back on the same port', async () => {
    let redis = await startRedis();
    const store = await RedisStore.connect(redis.url, { prefix: 'restart:' });
    try {
      await store.set('k', 'v');
      await redis.stop();
      await expect(store.get('k')).rejects.toThrow();
      redis = await startRedis(redis.port);
      let value: string | undefined | Error = new Error('not yet');
      for (let attempt = 0; attempt < 50 && value instanceof Error; attempt++) {
        value = await store.set('k', 'again').then(
          () => store.get('k'),
          (error: Error) => error,
        );
        if (value instanceof Error) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // No persistence (--save ''): the restarted Redis is empty, and the store writes to it again.
      expect(value).toBe('again');
    } finally {
      await store.close();
      await redis.stop();
    }
  });
});

describe('--state', () => {
  it('memory when absent, Redis URLs checked before connecting', async () => {
    const memory = await openStateStore(undefined);
    expect(memory.kind).toBe('memory');
    await memory.close();
    expect(parseStateUrl('redis://127.0.0.1:6379/2')).toBe('redis://127.0.0.1:6379/2');
    expect(() => parseStateUrl('memcached://x:1')).toThrow(/--state .*redis:\/\//);
    expect(() => parseStateUrl('not a url')).toThrow(/--state 'not a url' is not a URL/);
    expect(() => parseStateUrl('redis://host:1/zero')).toThrow(/database 'zero'/);
  });

  it('a password never appears in a message', () => {
    expect(() => parseStateUrl('memcached://user:s3cret@x:1')).toThrow(/\*\*\*/);
    try {
      parseStateUrl('memcached://user:s3cret@x:1');
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cret');
    }
  });

  it('an unreachable Redis fails at start-up with one sentence naming it (exit 2)', async () => {
    // A port nothing listens on: bind, read, close.
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const error = await openStateStore(`redis://:hunter2@127.0.0.1:${port}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateStoreError);
    expect((error as StateStoreError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(new RegExp(`Cannot reach Redis at redis://:\\*\\*\\*@127.0.0.1:${port}`));
    expect((error as Error).message).not.toContain('hunter2');
  });
});
