/**
 * The Redis state store: every mock replica pointed at the same Redis sees the
 * same consents, codes, tokens and sessions. Values are plain strings under a
 * key prefix; the two operations that read then write (`replaceIf`, a set's
 * expiry) run as Lua scripts so they stay atomic across replicas. Needs Redis
 * 6.2 or later (GETDEL, SET KEEPTTL).
 */
import type { Redis as RedisClient } from 'ioredis';
import { checkTtl, StateStoreError, type StateStore } from './store.ts';

export interface RedisStoreOptions {
  /** Prefix of every key, so several mocks (or tests) can share one Redis without meeting. Default `aferir:`. */
  prefix?: string;
  /** Milliseconds to wait for the first connection before giving up. Default 5000. */
  connectTimeoutMs?: number;
  /** Where connection problems after start-up are reported (once each). Default: nowhere. */
  warn?: (message: string) => void;
}

// KEYS[1] key, ARGV[1] expected, ARGV[2] new value: replace only if unchanged, keeping the expiry.
const REPLACE_IF = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
  return 1
end
return 0`;

// KEYS[1] set, ARGV[1] member, ARGV[2] ttl in ms (0 = none): add, and let the set live at least that long.
const ADD_TO_SET = `
redis.call('SADD', KEYS[1], ARGV[1])
local ttl = tonumber(ARGV[2])
if ttl == 0 then
  redis.call('PERSIST', KEYS[1])
else
  local current = redis.call('PTTL', KEYS[1])
  if current >= 0 and current < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
  if current == -1 and redis.call('SCARD', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ttl) end
end
return 1`;

export class RedisStore implements StateStore {
  readonly kind = 'redis' as const;

  private constructor(
    private readonly redis: RedisClient,
    private readonly description: string,
  ) {}

  /** Connects (and pings) before resolving, so a wrong URL fails at start-up with a clear message. */
  static async connect(url: string, options: RedisStoreOptions = {}): Promise<RedisStore> {
    const description = redactedUrl(url);
    const { Redis } = await import('ioredis');
    const redis = new Redis(url, {
      keyPrefix: options.prefix ?? 'aferir:',
      lazyConnect: true,
      connectTimeout: options.connectTimeoutMs ?? 5_000,
      maxRetriesPerRequest: 2,
      // connect() rejects on the first failure (a wrong --state fails at start-up); a Redis lost later is retried
      // for as long as the mock runs, every 2 s at most, while requests fail fast (maxRetriesPerRequest) with a 500.
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    const warned = new Set<string>();
    redis.on('error', (error: Error) => {
      const message = `the state store at ${description} reported: ${error.message}`;
      if (warned.has(message)) return;
      warned.add(message);
      options.warn?.(message);
    });
    try {
      await redis.connect();
      await redis.ping();
    } catch (error) {
      redis.disconnect();
      throw new StateStoreError(`Cannot reach Redis at ${description} (${(error as Error).message}); start it or fix --state.`, {
        cause: error,
      });
    }
    return new RedisStore(redis, description);
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(key)) ?? undefined;
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    checkTtl(ttlSeconds);
    if (ttlSeconds === undefined) await this.redis.set(key, value);
    else await this.redis.set(key, value, 'PX', toMs(ttlSeconds));
  }

  async setIfAbsent(key: string, value: string, ttlSeconds?: number): Promise<boolean> {
    checkTtl(ttlSeconds);
    const answer =
      ttlSeconds === undefined ? await this.redis.set(key, value, 'NX') : await this.redis.set(key, value, 'PX', toMs(ttlSeconds), 'NX');
    return answer === 'OK';
  }

  async replaceIf(key: string, expected: string, value: string): Promise<boolean> {
    return (await this.redis.eval(REPLACE_IF, 1, key, expected, value)) === 1;
  }

  async take(key: string): Promise<string | undefined> {
    return (await this.redis.getdel(key)) ?? undefined;
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length > 0) await this.redis.del(...keys);
  }

  async addToSet(key: string, member: string, ttlSeconds?: number): Promise<void> {
    checkTtl(ttlSeconds);
    await this.redis.eval(ADD_TO_SET, 1, key, member, ttlSeconds === undefined ? 0 : toMs(ttlSeconds));
  }

  async members(key: string): Promise<string[]> {
    return this.redis.smembers(key);
  }

  async close(): Promise<void> {
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  toString(): string {
    return `redis ${this.description}`;
  }
}

function toMs(ttlSeconds: number): number {
  return Math.max(1, Math.ceil(ttlSeconds * 1000));
}

/** The URL without its password, for messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return '(an unparseable URL)';
  }
}
