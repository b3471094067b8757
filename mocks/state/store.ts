/**
 * Where the mock keeps what must outlive one request and be shared by every
 * replica: consents, the authorization server's codes, tokens, grants and
 * sessions, client assertions' `jti` (replay detection) and the shared keys.
 *
 * One small interface of string values with optional expiry, implemented in
 * memory (one process, bounded) and on Redis (any number of processes). Each
 * operation that must be atomic across replicas says so; callers build typed
 * collections on top (`collection.ts`).
 */
import { AferirError } from '../../specs/errors.ts';

export interface StateStore {
  /** `memory` or `redis`, for messages. */
  readonly kind: 'memory' | 'redis';
  /** The value, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Stores the value; `ttlSeconds` undefined = no expiry (still subject to the memory store's cap). */
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  /** Stores the value only if the key is absent; true when this call stored it (atomic: replay detection, first writer wins). */
  setIfAbsent(key: string, value: string, ttlSeconds?: number): Promise<boolean>;
  /**
   * Replaces the value only if it still equals `expected`, keeping the key's expiry; true when replaced.
   * Atomic: two replicas moving a consent from AWAITING_AUTHORISATION cannot both win.
   */
  replaceIf(key: string, expected: string, value: string): Promise<boolean>;
  /** Reads and deletes in one step (consume once): only one caller ever gets the value. */
  take(key: string): Promise<string | undefined>;
  /** Deletes the keys (absent ones are ignored). */
  delete(...keys: string[]): Promise<void>;
  /** Adds a member to a set kept under `key`; the set lives at least `ttlSeconds` (undefined = no expiry). */
  addToSet(key: string, member: string, ttlSeconds?: number): Promise<void>;
  /** The members of the set (empty when absent). */
  members(key: string): Promise<string[]>;
  /** Releases connections and timers. */
  close(): Promise<void>;
}

/** The state store could not be reached or answered with an error (a Redis that went away). */
export class StateStoreError extends AferirError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('state-store', message, 2, options);
  }
}

/** A TTL the stores accept: a positive number of seconds, or undefined. Anything else is a programming error. */
export function checkTtl(ttlSeconds: number | undefined): void {
  if (ttlSeconds === undefined) return;
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0)
    throw new TypeError(`state store: ttlSeconds must be a positive number, got ${ttlSeconds}`);
}
