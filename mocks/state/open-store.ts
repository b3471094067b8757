/**
 * `--state`: no value = memory (one process); `redis://host:port[/db]` (or
 * `rediss://` for TLS, with `user:password@` when Redis asks for it) = Redis,
 * shared by every mock pointed at it.
 */
import { UsageError } from '../../specs/errors.ts';
import { MemoryStore, type MemoryStoreOptions } from './memory-store.ts';
import { RedisStore, redactedUrl, type RedisStoreOptions } from './redis-store.ts';
import type { StateStore } from './store.ts';

export interface OpenStateOptions {
  memory?: MemoryStoreOptions;
  redis?: RedisStoreOptions;
}

/** Checks the text of `--state` without connecting; throws a UsageError naming the flag. */
export function parseStateUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new UsageError(`--state '${text}' is not a URL; give redis://host:port[/db] (or leave it out to keep state in memory).`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new UsageError(`--state '${redactedUrl(text)}' is not a redis:// or rediss:// URL; only Redis is supported.`);
  if (url.hostname === '') throw new UsageError(`--state '${redactedUrl(text)}' has no host; give redis://host:port[/db].`);
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d{1,5}$/.test(db))
    throw new UsageError(`--state '${redactedUrl(text)}' names database '${db}'; a Redis database is a number such as /0.`);
  return url.href;
}

/** Opens the store `--state` names (connecting to Redis now), or a memory store. */
export async function openStateStore(state: string | undefined, options: OpenStateOptions = {}): Promise<StateStore> {
  if (state === undefined || state.trim() === '') return new MemoryStore(options.memory);
  return RedisStore.connect(parseStateUrl(state), options.redis);
}
